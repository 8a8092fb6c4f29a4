"""yusuan (预算): read, audit and compare Chinese government budget disclosures."""

import decimal as _decimal

__version__ = "0.1.0"

# One decimal context for the whole project: room for the largest plausible figure printed in 元
# and converted to 万元 with every digit kept (16 + 6 digits) and for the sums and ratios of
# thousands of them; the readers refuse implausible numbers (model.amount.plausible) before any
# arithmetic. New threads start from DefaultContext, the running one is set here.
_decimal.DefaultContext.prec = 50
_decimal.getcontext().prec = 50
