"""Helpers the report sections share: names of dimensions as readers see them."""

from __future__ import annotations

from ..criteria_text import dim_name

__all__ = ["dim_name"]
