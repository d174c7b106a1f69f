"""The XmR chart of a measure, built with plotly in Python and drawn by plotly.js on the page.

The figure goes to the page as JSON (json_script), never as an inline script.
Special-cause points differ in shape as well as colour, and the legend names
them, so the chart does not rely on colour alone.
"""

import html
import json
import statistics
from collections import Counter
from datetime import timedelta

import plotly.graph_objects as go
from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update

from measures import rare_events, spc
from measures.display import in_units
from measures.models import ChartType
from measures.selectors import target_in_force
from measures.status import at_precision
from scorecard.lib import periods

# plotly.js draws with style attributes and a <style> element of its own,
# which a style-src without 'unsafe-inline' blocks (the chart loses its
# fonts, colours and hover labels). Only the views that draw a chart widen
# the policy, and only for styles: scripts stay 'self' (plotly.js needs no
# eval for the SVG traces used here).
allow_plotly_styles = csp_update({"style-src": [UNSAFE_INLINE]})

IMPROVEMENT_COLOUR = "#005eb8"
CONCERN_COLOUR = "#ed8b00"
NEUTRAL_COLOUR = "#7c2855"
COMMON_COLOUR = "#768692"
TARGET_COLOUR = "#d5281b"

SPECIAL_CAUSES = [
    (spc.IMPROVEMENT, "Special cause: improvement", IMPROVEMENT_COLOUR, "circle"),
    (spc.CONCERN, "Special cause: concern", CONCERN_COLOUR, "diamond"),
    (spc.NEUTRAL_HIGH, "Special cause: high", NEUTRAL_COLOUR, "triangle-up"),
    (spc.NEUTRAL_LOW, "Special cause: low", NEUTRAL_COLOUR, "triangle-down"),
]


def xmr_figure(measure, series, analysis, targets, rebases, judgeable_groups):
    """The plotly figure (as plain JSON-ready data) of a measure's values and SPC.

    `series` are the observations oldest first, `analysis` spc.analyse() of
    their values, `targets` the target in force at each, `rebases` the Rebase
    rows drawn as breaks, `judgeable_groups` the group numbers with enough
    points to draw limits for.
    """
    labels = [periods.period_label(o.period, measure.frequency) for o in series]
    x = [o.period.isoformat() for o in series]
    hover = [
        f"{label}: {_in_units(o.value, measure)}"
        + (f"<br>{_wrap(o.comment)}" if o.comment else "")
        for label, o in zip(labels, series, strict=True)
    ]
    figure = go.Figure()
    line_x, line_y, line_text = _broken_at_gaps(series, x, hover, measure)
    figure.add_trace(_value_trace(line_x, line_y, line_text))
    for name, key, dash in (("Mean", "mean", "solid"), ("Process limits", "upl", "dash")):
        if not judgeable_groups:
            break
        figure.add_trace(_group_line(x, analysis.points, key, judgeable_groups, name, dash))
        if key == "upl":
            lower = _group_line(x, analysis.points, "lpl", judgeable_groups, name, dash)
            lower.showlegend = False
            figure.add_trace(lower)
    if measure.chart_type == ChartType.RUN and series:
        # A run chart's centre line is the median, as Making Data Count draws it.
        centre = statistics.median(y for y in line_y if y is not None)
        figure.add_trace(
            go.Scatter(
                x=[x[0], x[-1]],
                y=[centre, centre],
                mode="lines",
                name="Median",
                line={"color": "#212b32", "width": 1.5},
                hoverinfo="skip",
            )
        )
    target_y = [float(t.value) if t else None for t in targets]
    if any(value is not None for value in target_y):
        figure.add_trace(
            go.Scatter(
                x=x,
                y=target_y,
                mode="lines",
                name="Target",
                line={"color": TARGET_COLOUR, "dash": "dot", "shape": "hv", "width": 2},
                hoverinfo="skip",
            )
        )
    for classification, name, colour, symbol in SPECIAL_CAUSES:
        chosen = [
            i
            for i, point in enumerate(analysis.points)
            if point.classification == classification and point.group in judgeable_groups
        ]
        if chosen:
            figure.add_trace(
                go.Scatter(
                    x=[x[i] for i in chosen],
                    y=[analysis.points[i].value for i in chosen],
                    mode="markers",
                    name=name,
                    marker={"color": colour, "size": 11, "symbol": symbol},
                    hovertext=[hover[i] for i in chosen],
                    hoverinfo="text",
                )
            )
    middle = series[len(series) // 2].period if series else None
    for rebase in rebases:
        figure.add_vline(
            x=rebase.period.isoformat(),
            line={"color": "#425563", "dash": "dashdot", "width": 1},
        )
        figure.add_annotation(
            x=rebase.period.isoformat(),
            y=1,
            yref="paper",
            text=f"Limits restart: {_wrap(rebase.reason, 40)}",
            showarrow=False,
            # A restart late in the series is labelled to its left, so the label stays in.
            xanchor="left" if middle is None or rebase.period <= middle else "right",
            align="left",
            font={"size": 11},
        )
    if measure.baseline_start and measure.baseline_end and series:
        _shade_baseline(figure, measure, series[0].period, series[-1].period)
    figure.update_layout(
        margin={"l": 60, "r": 20, "t": 30, "b": 40},
        height=420,
        hovermode="closest",
        legend={"orientation": "h", "y": -0.15},
        yaxis={
            "title": {"text": _escaped(measure.unit) or "Value"},
            "zeroline": False,
            # Counts are whole numbers: no 0.2 events on the axis, and for small counts
            # a tick per event, or the rounded labels would read 0, 0, 1, 1.
            **({"tickformat": ",d"} if measure.is_count else {}),
            **({"dtick": 1} if measure.is_count and _small(line_y, target_y) else {}),
            **_fitted(line_y, target_y, analysis, judgeable_groups),
        },
        # The range is the series': a label near the end must not stretch it.
        xaxis={"type": "date", "range": _padded(series, measure.frequency)},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Arial, sans-serif", "size": 13, "color": "#212b32"},
    )
    return json.loads(figure.to_json())


def _shade_baseline(figure, measure, first, last):
    """A grey band over the named baseline period the limits are fixed on, labelled inside
    the part of it the chart shows (`first` to `last`)."""
    start, end = max(measure.baseline_start, first), min(measure.baseline_end, last)
    if start > end:
        return  # the period lies outside the chart: the caption names it
    half = timedelta(days=periods.MONTHS_PER_PERIOD[measure.frequency] * 15)
    figure.add_vrect(
        x0=(measure.baseline_start - half).isoformat(),
        x1=(measure.baseline_end + half).isoformat(),
        fillcolor="#d8dde0",
        opacity=0.35,
        line_width=0,
        layer="below",
    )
    middle = first + (last - first) / 2
    figure.add_annotation(
        x=(start if start <= middle else end).isoformat(),
        y=0,
        yref="paper",
        yanchor="bottom",
        xanchor="left" if start <= middle else "right",
        text=f"Baseline: {measure.baseline_in_words}",
        showarrow=False,
        font={"size": 11},
    )


def _value_trace(x, y, hover):
    """The measure's values, joined, broken at long gaps (see _broken_at_gaps)."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers",
        name="Value",
        line={"color": COMMON_COLOUR, "width": 1.5},
        marker={"color": COMMON_COLOUR, "size": 6},
        hovertext=hover,
        hoverinfo="text",
        connectgaps=False,
    )


def _padded(series, frequency):
    """The x range: from half a period before the first value to half a period after the last."""
    if not series:
        return None
    half = periods.MONTHS_PER_PERIOD[frequency] * 15  # days, near enough
    first, last = series[0].period, series[-1].period
    return [
        (first - timedelta(days=half)).isoformat(),
        (last + timedelta(days=half)).isoformat(),
    ]


# The targets of this many latest points are kept on the scale; older ones may
# fall off it, as a target retired years ago must not squeeze the process.
RECENT_TARGETS = 12


def _fitted(values, targets, analysis, judgeable_groups):
    """{"range": [low, high]} fitted to the values, the drawn limits and the recent targets,
    when an older target lies outside them (else {}: plotly's own range holds everything).

    A target changed from 92% to 65% would otherwise stretch the axis to 92 and
    leave the process in the bottom tenth of the chart.
    """
    shown = [value for value in values if value is not None]
    shown += [value for value in targets[-RECENT_TARGETS:] if value is not None]
    for point in analysis.points:
        if point.group in judgeable_groups:
            shown += [limit for limit in (point.lpl, point.upl) if limit is not None]
    if not shown:
        return {}
    low, high = min(shown), max(shown)
    if all(low <= target <= high for target in targets if target is not None):
        return {}
    margin = (high - low) * 0.08 or abs(high) * 0.1 or 1
    return {"range": [low - margin, high + margin]}


def _small(*series):
    """Whether every value drawn is under ten."""
    return all(abs(value) < 10 for values in series for value in values if value is not None)


def _broken_at_gaps(series, x, hover, measure):
    """The value line's x, y and hover text, with a break wherever a period has no value:
    a line drawn across missing months would show values nobody reported. Each value
    as shown and judged (at its decimal places), where the SPC points sit."""
    xs, ys, texts = [], [], []
    for index, observation in enumerate(series):
        if index and observation.period > periods.add_periods(
            series[index - 1].period, measure.frequency, 1
        ):
            xs.append(None)
            ys.append(None)
            texts.append(None)
        xs.append(x[index])
        ys.append(float(at_precision(observation.value, measure.decimals)))
        texts.append(hover[index])
    return xs, ys, texts


def _group_line(x, points, key, judgeable_groups, name, dash):
    """A line per group (a break between groups), only for groups with enough points."""
    xs, ys = [], []
    previous_group = None
    for position, point in enumerate(points):
        if previous_group is not None and point.group != previous_group:
            xs.append(None)
            ys.append(None)
        previous_group = point.group
        value = getattr(point, key) if point.group in judgeable_groups else None
        xs.append(x[position])
        ys.append(value)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        line={"color": "#212b32" if key == "mean" else "#4c6272", "dash": dash, "width": 1.5},
        hoverinfo="skip",
        connectgaps=False,
    )


def _escaped(text):
    """People's text for plotly, which reads a few tags (<b>, <br>, <a href>) in chart text.

    Only <, > and & are escaped: plotly decodes &lt;, &gt; and &amp; but not &quot;,
    which would show as it is.
    """
    return html.escape(text, quote=False)


def _in_units(value, measure):
    """A value with its measure's unit, escaped: the unit is people's text too."""
    return _escaped(in_units(value, measure))


def _wrap(text, width=60):
    """People's text, escaped, with <br> between lines."""
    words, lines, line = _escaped(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


# Compare: one measure across units.

STATUS_COLOURS = {
    "on_target": "#007f3b",
    "within_tolerance": "#ffb81c",
    "off_target": "#d5281b",
    "no_target": "#768692",
    "no_data": "#768692",
}
BAR_HEIGHT = 44
SMALL_HEIGHT = 220


def unit_labels(units):
    """Each unit's name for a chart, escaped; with its code where two share a name, and
    its kind where kinds differ, so a trust is not read as one more department."""
    counts = Counter(unit.name for unit in units)
    mixed_kinds = len({unit.kind for unit in units}) > 1
    labels = []
    for unit in units:
        label = f"{unit.name} ({unit.code})" if counts[unit.name] > 1 else unit.name
        if mixed_kinds:
            label += f", {unit.get_kind_display().lower()}"
        labels.append(_escaped(label))
    return labels


def ranked_bar_figure(rows):
    """A horizontal bar per unit, best at the top, coloured by status and labelled in words.

    `rows` are compare.Row objects with a value, best first. Each unit's own
    target is drawn as a short vertical line across its bar (a range as two).
    """
    names = unit_labels([row.unit for row in rows])
    texts = [
        f"{_in_units(row.value, row.measure)} · {row.status_label}"
        + (" · incomplete total" if row.coverage and row.coverage.partial else "")
        for row in rows
    ]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=[float(row.value) for row in rows],
            y=names,
            orientation="h",
            name="Value",
            # The bars' colours are statuses, said in each label: no legend swatch.
            showlegend=False,
            marker={"color": [STATUS_COLOURS[row.line.status.key] for row in rows]},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{name}: {text}" for name, text in zip(names, texts, strict=True)],
            hoverinfo="text",
        )
    )
    for label, bound in (("Target", "value"), ("Upper end of the range", "upper_value")):
        marked = [
            (name, getattr(row.line.target, bound), row)
            for name, row in zip(names, rows, strict=True)
            if row.line.target and getattr(row.line.target, bound) is not None
        ]
        if marked:
            figure.add_trace(
                go.Scatter(
                    x=[float(value) for _, value, _ in marked],
                    y=[name for name, _, _ in marked],
                    mode="markers",
                    name=label,
                    marker={
                        "symbol": "line-ns",
                        "size": BAR_HEIGHT - 8,
                        "line": {"color": TARGET_COLOUR, "width": 3},
                    },
                    hovertext=[
                        f"{name}: {label.lower()} {_in_units(value, row.measure)}"
                        for name, value, row in marked
                    ],
                    hoverinfo="text",
                )
            )
    measure = rows[0].measure
    figure.update_layout(
        margin={"l": 20, "r": 170, "t": 20, "b": 50},
        height=90 + BAR_HEIGHT * len(rows),
        showlegend=True,
        legend={"orientation": "h", "y": -0.5 if len(rows) < 4 else -0.15},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        xaxis={
            "title": {"text": _escaped(measure.unit or "Value")},
            "zeroline": True,
            **_bar_range(rows),
        },
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Arial, sans-serif", "size": 13, "color": "#212b32"},
    )
    return json.loads(figure.to_json())


def _bar_range(rows):
    """From zero to a little past the longest bar or target, when nothing is negative."""
    values = [float(row.value) for row in rows]
    values += [float(row.line.target.value) for row in rows if row.line.target]
    if not values or min(values) < 0:
        return {}
    return {"range": [0, max(values) * 1.08 or 1]}


def line_figure(line):
    """The XmR chart of a measure's line (a MeasureLine with history), as the measure's
    page draws it, with the target in force at each point."""
    return xmr_figure(
        line.measure,
        line.series,
        line.spc,
        [target_in_force(line.targets, o.period) for o in line.series],
        line.rebases,
        line.judged_groups,
    )


def small_xmr_figure(row, name):
    """A compact XmR chart of one unit's values for the small multiples: no legend."""
    line = row.line
    figure = line_figure(line)
    figure["layout"].update(
        height=SMALL_HEIGHT,
        showlegend=False,
        margin={"l": 50, "r": 10, "t": 50, "b": 30},
        title={
            "text": f"<b>{_escaped(name)}</b><br>{_escaped(row.spc_words)}",
            "font": {"size": 12},
            "x": 0,
            "xanchor": "left",
        },
        font={"family": "Arial, sans-serif", "size": 11, "color": "#212b32"},
    )
    figure["layout"]["yaxis"]["title"] = {"text": _escaped(line.measure.unit or "")}
    return figure


def events_figure(measure, events_chart):
    """The plotly figure of a rare-event measure: each gap between events, and its limits.

    A t-chart draws the days between events at the date of the event that ends
    each gap, and the gap still open (to the month shown) as a hollow point; a
    g-chart draws the cases between events typed with each.
    """
    chart = events_chart.chart
    events = events_chart.events
    is_t = chart.kind == rare_events.T_CHART
    ended = events[1:] if is_t else [e for e in events if e.cases_since_previous is not None]
    x = [event.occurred_on.isoformat() for event in ended]
    unit_word = "days" if is_t else "cases"
    hover = [
        f"{event.occurred_on:%d %b %Y}: {gap:,.0f} {unit_word} since the previous event"
        f"<br>{_escaped(event.measure.objective.scorecard.unit.name)}"
        for event, gap in zip(ended, chart.gaps, strict=True)
    ]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=x,
            y=list(chart.gaps),
            mode="lines+markers",
            name=f"{unit_word.capitalize()} between events",
            line={"color": COMMON_COLOUR, "width": 1.5},
            marker={"color": COMMON_COLOUR, "size": 7},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    if events_chart.open_gap is not None:
        # A quiet spell past the upper limit is itself a special cause of improvement.
        improving = events_chart.open_signal == rare_events.IMPROVEMENT
        figure.add_trace(
            go.Scatter(
                x=[events_chart.until.isoformat()],
                y=[events_chart.open_gap],
                mode="markers",
                name="Days since the latest event, so far"
                + (" (special cause: improvement)" if improving else ""),
                marker={
                    "color": IMPROVEMENT_COLOUR if improving else COMMON_COLOUR,
                    "size": 12 if improving else 9,
                    "symbol": "circle-open",
                    "line": {"width": 3 if improving else 1},
                },
                hovertext=[
                    f"{events_chart.open_gap:,.0f} days so far, to {events_chart.until:%d %b %Y}"
                ],
                hoverinfo="text",
            )
        )
    ends = [x[0], events_chart.until.isoformat()] if x else []
    if chart.judged and ends:
        centre_name = "Centre (transformed mean)" if is_t else "Median"
        lines = [(centre_name, chart.centre, "solid"), ("Upper limit", chart.upper, "dash")]
        if chart.lower:  # a g-chart's lower limit is always 0: nothing to draw
            lines.append(("Lower limit", chart.lower, "dash"))
        for name, y, dash in lines:
            figure.add_trace(
                go.Scatter(
                    x=ends,
                    y=[y, y],
                    mode="lines",
                    name=name,
                    line={"color": "#212b32", "width": 1.5, "dash": dash},
                    hoverinfo="skip",
                )
            )
    signals = [
        (x[i], gap, chart.signal(gap)) for i, gap in enumerate(chart.gaps) if chart.signal(gap)
    ]
    for kind, name, colour, symbol in (
        (rare_events.IMPROVEMENT, "Special cause: improvement", IMPROVEMENT_COLOUR, "circle"),
        (rare_events.CONCERN, "Special cause: concern", CONCERN_COLOUR, "diamond"),
    ):
        chosen = [(at, gap) for at, gap, signal in signals if signal == kind]
        if chosen:
            figure.add_trace(
                go.Scatter(
                    x=[at for at, _ in chosen],
                    y=[gap for _, gap in chosen],
                    mode="markers",
                    name=name,
                    marker={"color": colour, "size": 12, "symbol": symbol},
                    hoverinfo="skip",
                )
            )
    figure.update_layout(
        margin={"l": 60, "r": 20, "t": 30, "b": 40},
        height=380,
        hovermode="closest",
        legend={"orientation": "h", "y": -0.15},
        yaxis={
            "title": {"text": f"{unit_word.capitalize()} between events"},
            "rangemode": "tozero",
        },
        xaxis={"type": "date"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Arial, sans-serif", "size": 13, "color": "#212b32"},
    )
    return json.loads(figure.to_json())


def reported_figure(measure, series, target, mean, lower, upper, limits_from=None):
    """The chart of a closed month as reported: the values its sparkline kept, the target
    in force then, and the mean and process limits the month was judged by, drawn from
    the last restart of the limits known then (`limits_from`, else the first value).

    The record keeps the last group's limits, not each point's: earlier groups and the
    special-cause points are not drawn; the icons beside the chart say the judgement.
    """
    labels = [periods.period_label(o.period, measure.frequency) for o in series]
    x = [o.period.isoformat() for o in series]
    hover = [
        f"{label}: {_in_units(o.value, measure)}" for label, o in zip(labels, series, strict=True)
    ]
    figure = go.Figure()
    line_x, line_y, line_text = _broken_at_gaps(series, x, hover, measure)
    figure.add_trace(_value_trace(line_x, line_y, line_text))
    limited = [o for o in series if limits_from is None or o.period >= limits_from]
    if mean is not None and limited:
        span = [limited[0].period.isoformat(), limited[-1].period.isoformat()]
        for name, value, dash, colour, legend in (
            ("Mean", mean, "solid", "#212b32", True),
            ("Process limits", upper, "dash", "#4c6272", True),
            ("Process limits", lower, "dash", "#4c6272", False),
        ):
            if value is None:
                continue
            figure.add_trace(
                go.Scatter(
                    x=span,
                    y=[value, value],
                    mode="lines",
                    name=name,
                    showlegend=legend,
                    line={"color": colour, "dash": dash, "width": 1.5},
                    hoverinfo="skip",
                )
            )
    target_y = [float(target.value)] * len(x) if target is not None and x else []
    if target_y:
        figure.add_trace(
            go.Scatter(
                x=x,
                y=target_y,
                mode="lines",
                name="Target",
                line={"color": TARGET_COLOUR, "dash": "dot", "width": 2},
                hoverinfo="skip",
            )
        )
    figure.update_layout(
        margin={"l": 60, "r": 20, "t": 30, "b": 40},
        height=420,
        hovermode="closest",
        legend={"orientation": "h", "y": -0.15},
        yaxis={
            "title": {"text": _escaped(measure.unit) or "Value"},
            "zeroline": False,
            **({"tickformat": ",d"} if measure.is_count else {}),
            # As on the measure's page: a tick per event for small counts.
            **({"dtick": 1} if measure.is_count and _small(line_y, target_y) else {}),
        },
        xaxis={"type": "date", "range": _padded(series, measure.frequency)},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Arial, sans-serif", "size": 13, "color": "#212b32"},
    )
    return json.loads(figure.to_json())


def with_trajectory(figure, measure, trajectory, last=None):
    """`figure` with an exception report's revised trajectory: the values planned for the
    coming periods, dashed, joined to the last value (`last`: (period, value)) if any."""
    if not trajectory:
        return figure
    planned = ([last] if last else []) + list(trajectory)
    labels = [periods.period_label(period, measure.frequency) for period, _ in planned]
    figure["data"].append(
        {
            "type": "scatter",
            "x": [period.isoformat() for period, _ in planned],
            "y": [float(value) for _, value in planned],
            "mode": "lines+markers",
            "name": "Revised trajectory",
            "line": {"color": IMPROVEMENT_COLOUR, "dash": "dash", "width": 2},
            "marker": {"color": IMPROVEMENT_COLOUR, "size": 7, "symbol": "circle-open"},
            "hovertext": [
                f"{label}: {_in_units(value, measure)} planned"
                for label, (_, value) in zip(labels, planned, strict=True)
            ],
            "hoverinfo": "text",
        }
    )
    x_range = figure["layout"].get("xaxis", {}).get("range")
    if x_range:
        half = periods.MONTHS_PER_PERIOD[measure.frequency] * 15
        x_range[1] = (planned[-1][0] + timedelta(days=half)).isoformat()
    return figure
