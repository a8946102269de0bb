"""Numbers and lists as a reader of each language writes them.

One helper for every sentence: counts are whole numbers with a thin space between thousands, shares
are percentages (``42%`` / ``42 %``), scores keep a fixed number of decimals with a decimal comma
in Finnish, intervals read ``2.87–3.21`` / ``2,87–3,21``, and lists are joined as prose
("a, b and c" / "a, b ja c"). Each language's signs (decimal sign, percent pattern, the last
conjunction of a list) are entries of the text catalogue (``fmt.*``, ``common.and``).
"""

from __future__ import annotations

import math

from ..data import vocab
from .texts import t

__all__ = ["count", "num", "pct", "interval", "join", "signed", "integer", "decimal", "percent"]


def count(n) -> str:
    """A whole number with a thin space between thousands (readable in both languages).

    Parameters
    ----------
    n : int or float
        The number (rounded toward zero to a whole number).

    Returns
    -------
    str

    Examples
    --------
    >>> count(8661)
    '8\u202f661'
    """
    return f"{int(n):,}".replace(",", "\u202f")


def num(x, lang: str = "en", digits: int = 2) -> str:
    """A number with ``digits`` decimals, with a decimal comma in Finnish.

    Parameters
    ----------
    x : float
        The number; NaN is shown as a dash.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str

    Examples
    --------
    >>> num(3.0812, "fi")
    '3,08'
    """
    vocab.check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:.{digits}f}".replace(".", t("fmt.decimal_sign", lang))


def signed(x, lang: str = "en", digits: int = 2) -> str:
    """A number with its sign (``+0.25``, ``−0.25``), decimal comma in Finnish.

    Parameters
    ----------
    x : float
        The number.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str
    """
    return ("+" if x > 0 else "−" if x < 0 else "") + num(abs(x), lang, digits)


def pct(x, lang: str = "en", digits: int = 0) -> str:
    """A share (0–1) as a percentage: ``42%`` in English, ``42 %`` with a decimal comma in Finnish.

    Parameters
    ----------
    x : float
        The share.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str

    Examples
    --------
    >>> pct(0.425, "fi", 1)
    '42,5 %'
    """
    return t("fmt.percent", lang, value=num(100 * x, lang, digits))


def interval(lo, hi, lang: str = "en", digits: int = 2) -> str:
    """An interval as ``2.87–3.21`` (``2,87–3,21`` in Finnish).

    Parameters
    ----------
    lo, hi : float
        The ends.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str
    """
    return f"{num(lo, lang, digits)}–{num(hi, lang, digits)}"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or bool(x != x)


def integer(n, lang: str = "en") -> str:
    """A count as the language's locale writes it in a table: ``8,661`` / ``8 661``.

    Babel's locale data (CLDR) give the grouping sign; a missing value is a dash.

    Parameters
    ----------
    n : int or float
        The number (rounded to a whole number).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str

    Examples
    --------
    >>> integer(8661, "fi")
    '8\xa0661'
    """
    from babel.numbers import format_decimal

    if _missing(n):
        return "—"
    return format_decimal(round(float(n)), format="#,##0", locale=t("fmt.locale", lang))


def decimal(x, lang: str = "en", digits: int = 2) -> str:
    """A score or index with ``digits`` decimals in the locale: ``1,234.50`` / ``1 234,50``.

    Parameters
    ----------
    x : float
        The number; a missing value is a dash.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str

    Examples
    --------
    >>> decimal(3.0812, "fi")
    '3,08'
    """
    from babel.numbers import format_decimal

    if _missing(x):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    out = format_decimal(float(x), format=pattern, locale=t("fmt.locale", lang))
    return out.replace("-", "−")


def percent(x, lang: str = "en", digits: int = 0) -> str:
    """A share (0–1) as a percentage in the locale (``42%`` / ``42 %``).

    Parameters
    ----------
    x : float
        The share; a missing value is a dash.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str

    Examples
    --------
    >>> percent(0.425, "fi", 1)
    '42,5 %'
    """
    if _missing(x):
        return "—"
    return t("fmt.percent", lang, value=decimal(100 * float(x), lang, digits))


def join(words, lang: str = "en") -> str:
    """Join words as prose: "a, b and c" / "a, b ja c".

    Parameters
    ----------
    words : sequence of str
        The words.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    words = list(words)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {t('common.and', lang)} " + words[-1]
