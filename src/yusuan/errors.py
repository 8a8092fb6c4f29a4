"""User-facing errors: one line of Chinese, a stable exit code."""


class YusuanError(Exception):
    """An error a user can act on; the CLI prints its message on one line and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(YusuanError):
    """The input cannot be read or is not a budget disclosure (输入文件无法读取或不是预算公开文件)."""
