"""The command-line framework's own words in Chinese: the usage line, the errors of a mistyped
command, the --help option, Typer's panel titles. Typer writes them in English (some through
`gettext`, most as plain strings in its own copy of Click), so they are translated where they
are printed; a text not in the tables stays as Typer wrote it."""

from __future__ import annotations

import re

CHINESE = {  # Typer's own constants (panel titles, default and required marks)
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Error": "错误",
    "Aborted.": "已中止。",
    "[default: {}]": "[默认：{}]",
    "[env var: {}]": "[环境变量：{}]",
    "[required]": "[必填]",
    "(deprecated) ": "（已弃用）",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]“{command_path} {help_option}”[/] 查看帮助。",
}


MESSAGES = [  # an error of a mistyped command, as Typer words it -> as yusuan says it
    (r"Missing argument '(.+?)'\.", r"缺少参数 \1。"),
    (r"Missing option '(.+?)'\.", r"缺少选项 \1。"),
    (r"Missing parameter: (.+)", r"缺少参数：\1"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"没有选项 \1（是否想用：\2）"),
    (r"No such option: (\S+)", r"没有选项 \1"),
    (r"No such command '(.+?)'\.", r"没有命令 \1。"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数（\1）"),
    (r"Option '(.+?)' requires an argument\.", r"选项 \1 需要一个值。"),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"选项 \1 需要 \2 个值。"),
    (r"Option '(.+?)' does not take a value\.", r"选项 \1 不带值。"),
    (r"Invalid value for (.+?): (.+)", r"\1 的值无效：\2"),
    (r"Invalid value: (.+)", r"值无效：\1"),
    (r"Input should be a valid integer, unable to parse string as an integer", r"应为整数"),
    (r"Input should be a valid number, unable to parse string as a number", r"应为数字"),
    (r"Input should be (.+)", r"应为 \1"),
    (r"Value (.+?) is not a valid (.+?)\.", r"\1 不是有效的 \2。"),
    (r"'(.+?)' is not one of (.+?)\.", r"“\1”不是可选值之一：\2。"),
    (r"(Path|File|Directory) '(.+?)' does not exist\.", r"路径 “\2” 不存在。"),
    (r"(Path|File|Directory) '(.+?)' is a directory\.", r"“\2” 是目录。"),
    (r"(Path|File|Directory) '(.+?)' is a file\.", r"“\2” 是文件。"),
    (r"(.+?) is not in the range (.+?)\.", r"\1 不在范围 \2 内。"),
    (r"Missing command\.", r"缺少子命令。"),
    (r"Did you mean '(.+?)'\?", r"是否想用 \1？"),
]


def translate_message(text: str) -> str:
    """A framework error message in Chinese (each pattern applied once, inner phrases too)."""
    for pattern, replacement in MESSAGES:
        text = re.sub(pattern, replacement, text)
    return text


def chinese(text: str) -> str:
    return CHINESE.get(text, text)


def install() -> None:
    """Translate Typer's texts where it prints them (once, when the CLI is imported)."""
    import typer.rich_utils as ru
    from typer import _click

    for name in ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
                 "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                 "ABORTED_TEXT", "RICH_HELP"):
        if isinstance(getattr(ru, name, None), str):
            setattr(ru, name, chinese(getattr(ru, name)))
    if getattr(ru.rich_format_error, "_yusuan", False):
        return
    english_error = ru.rich_format_error

    def rich_format_error(self) -> None:
        message = self.format_message
        self.format_message = lambda: translate_message(message())
        english_error(self)

    rich_format_error._yusuan = True
    ru.rich_format_error = rich_format_error
    write_usage = _click.formatting.HelpFormatter.write_usage

    def usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    _click.formatting.HelpFormatter.write_usage = usage
    help_option = _click.core.Command.get_help_option

    def get_help_option(self, ctx):
        option = help_option(self, ctx)
        if option is not None and option.help == "Show this message and exit.":
            option.help = "显示此帮助并退出。"
        return option

    _click.core.Command.get_help_option = get_help_option
