"""Figures: one palette, one style, functions that take ``ax=None`` and return the axes.

One module per topic; :mod:`.base` holds the palette (Okabe & Ito's colour-blind-safe set) and
the shared bar charts. Figures draw what the analysis computed; they never compute statistics.
"""
from .base import (
    OKABE_ITO,
    SECTOR_COLORS,
    STAGE_COLORS,
    annotated_heatmap,
    barh_counts,
    new_axes,
    sector_color,
    stacked_bars,
    style,
)
from .criteria import dimension_profile, rank_intervals, self_external_gaps, sobol_bars
from .evidence import change_chart, indicator_chart, pipeline_chart, suppressed_bars
from .mobilisation import (
    FLOW_COLORS,
    TARGET_GROUP_COLORS,
    flows_by_sector,
    flows_chart,
    inclusion_plot,
    mobilisation_curve_plot,
    selected_vs_other,
)
from .network import brokerage_by_sector, mixing_heatmap, network_layout, network_map
from .selection import peer_review_chart, rater_spread, selection_chart

__all__ = [
    "OKABE_ITO",
    "SECTOR_COLORS",
    "STAGE_COLORS",
    "sector_color",
    "style",
    "new_axes",
    "stacked_bars",
    "barh_counts",
    "annotated_heatmap",
    "network_layout",
    "network_map",
    "mixing_heatmap",
    "brokerage_by_sector",
    "dimension_profile",
    "rank_intervals",
    "self_external_gaps",
    "sobol_bars",
    "FLOW_COLORS",
    "TARGET_GROUP_COLORS",
    "flows_chart",
    "flows_by_sector",
    "mobilisation_curve_plot",
    "inclusion_plot",
    "selected_vs_other",
    "selection_chart",
    "rater_spread",
    "peer_review_chart",
    "indicator_chart",
    "pipeline_chart",
    "change_chart",
    "suppressed_bars",
]
