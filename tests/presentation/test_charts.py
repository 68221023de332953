from datetime import date

import polars as pl
import pytest

from cxlib.presentation import charts


def test_error_if_chart_receives_row_level_data() -> None:
    rows = pl.DataFrame({"month": ["2026-01-01"] * 5000, "count": [1] * 5000, "s": ["a"] * 5000})
    with pytest.raises(ValueError, match=r"a chart got 5000 rows \(limit 2000\): aggregate"):
        charts.stacked_bars(rows, x="month", y="count", colour="s", title="t")


def test_chart_embeds_only_the_columns_it_uses() -> None:
    frame = pl.DataFrame({"month": ["2026-01-01"], "count": [3], "s": ["a"],
                          "customer_email": ["jane@example.com"]})
    spec = charts.stacked_bars(frame, x="month", y="count", colour="s", title="t", x_title="x",
                               y_title="y", colour_title="c").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert values == [{"month": "2026-01-01", "count": 3, "s": "a"}]


def test_heatmap_keeps_configured_order() -> None:
    matrix = pl.DataFrame({
        "stage": ["Search", "Buy"], "stage_order": [0, 1], "channel": ["Web", "Web"],
        "channel_order": [0, 0], "touchpoints": [2, 0], "irritants": [1, 0],
    })
    spec = charts.coverage_heatmap(matrix, title="T", stage_title="Stage", channel_title="Channel",
                                   count_title="Touchpoints").to_dict()
    x = spec["layer"][0]["encoding"]["x"]
    assert x["sort"] == ["Search", "Buy"]
    assert spec["title"] == "T"


def _segments() -> pl.DataFrame:
    return pl.DataFrame({"label": ["Web", "Store", "Chat"], "value": [20.0, 31.0, 12.0],
                         "ci_low": [15.0, 26.0, -10.0], "ci_high": [25.0, 36.0, 34.0],
                         "n": [530, 440, 22], "base": ["ok", "ok", "low"],
                         "status": ["amber", "green", None]})


def test_interval_bars_show_interval_base_and_target() -> None:
    spec = charts.interval_bars(_segments(), label="label", value="value", low="ci_low",
                                high="ci_high", value_title="NPS", target=30,
                                domain=(-100, 100)).to_dict()
    assert "title" not in spec  # the report heading says it
    rules, points, bases, target = spec["layer"]
    assert rules["encoding"]["x2"]["field"] == "ci_high"
    assert points["encoding"]["fill"]["condition"]["test"] == "(datum.base === 'low')"
    assert bases["encoding"]["text"]["field"] == "n"
    assert target["encoding"]["x"]["field"] == "target"
    assert rules["encoding"]["x"]["scale"]["domain"] == [-100, 100]
    values = next(iter(spec["datasets"].values()))
    assert [v["status"] for v in values] == ["amber", "green", "none"]


def test_monthly_intervals_draw_no_line_across_gaps() -> None:
    frame = pl.DataFrame({"month": [date(2026, 3, 1), date(2026, 9, 1)],
                          "value": [10.0, 20.0], "ci_low": [5.0, 16.0],
                          "ci_high": [15.0, 24.0], "n": [800, 900], "base": ["ok", "ok"]})
    spec = charts.monthly_intervals(frame, x="month", value="value", low="ci_low",
                                    high="ci_high", title="NPS", x_title="Month",
                                    value_title="NPS", target=25).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "point", "rule"] and "line" not in marks


def test_importance_matrix_colours_quadrants() -> None:
    frame = pl.DataFrame({"label": ["Delivery", "Search"], "share": [0.8, 0.2],
                          "performance": [3.4, 4.0], "quadrant": ["fix", "maintain"]})
    titles = {"fix": "Fix first", "keep": "Keep", "watch": "Watch", "maintain": "Secondary"}
    spec = charts.importance_matrix(frame, title="Drivers", importance_title="Importance",
                                    performance_title="Mean", quadrant_titles=titles).to_dict()
    points = spec["layer"][2]
    assert points["encoding"]["color"]["scale"]["domain"][0] == "Fix first"
    assert points["encoding"]["color"]["scale"]["range"][0] == "#c62828"


def test_importance_matrix_moves_a_label_that_would_cover_its_neighbour() -> None:
    frame = pl.DataFrame({"label": ["Set up", "Compare", "Buy", "Help"],
                          "share": [0.02, 0.03, 0.8, 0.03],
                          "performance": [3.92, 3.91, 3.52, 3.64],
                          "quadrant": ["maintain", "maintain", "fix", "watch"]})
    titles = {"fix": "Fix first", "keep": "Keep", "watch": "Watch", "maintain": "Secondary"}
    spec = charts.importance_matrix(frame, importance_title="Importance",
                                    performance_title="Mean", quadrant_titles=titles).to_dict()
    text = spec["layer"][3]
    rows = {r["label"]: r["label_y"] for r in spec["datasets"][text["data"]["name"]]}
    pixel = (3.92 - 3.52) / 340
    assert rows["Set up"] == pytest.approx(3.92)  # the top one stays by its point
    assert rows["Set up"] - rows["Compare"] >= 14 * pixel - 1e-9  # one line lower
    assert rows["Buy"] == pytest.approx(3.52) and rows["Help"] == pytest.approx(3.64)


def test_funnel_bars_in_journey_order() -> None:
    frame = pl.DataFrame({"label": ["Buy", "Look"], "order": [1, 0], "customers": [50, 100],
                          "share": [0.5, 1.0], "step": [0.5, None]})
    spec = charts.funnel_bars(frame, title="Funnel", share_title="Share",
                              stage_title="Stage").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Look", "Buy"]


def test_target_lines_one_panel_per_kpi() -> None:
    frame = pl.DataFrame({"kpi": ["churn", "churn", "conversion"],
                          "period": [date(2026, 1, 1), date(2026, 2, 1), date(2026, 1, 1)],
                          "value": [0.15, 0.14, 0.03], "target": [0.15, 0.15, 0.035]})
    spec = charts.target_lines(frame, title="Operations", period_title="Month",
                               titles={"conversion": "Conversion", "churn": "Churn"}).to_dict()
    panels = spec["concat"]  # separate charts: a last row not full leaves no empty frame
    assert [p["title"]["text"] for p in panels] == ["Conversion", "Churn"]  # as given
    assert spec["columns"] == 3
    assert all(len(spec["datasets"][p["data"]["name"]]) == n for p, n in zip(panels, (1, 2),
                                                                           strict=True))
    goal = panels[0]["layer"][1]
    assert "x" not in goal["encoding"]  # a horizontal target, not one rule per month
    empty = charts.target_lines(frame.clear(), title="Operations", period_title="Month",
                                titles={}).to_dict()
    assert empty["mark"]["type"] == "line"


def test_nan_and_infinity_become_null_in_the_spec() -> None:
    frame = pl.DataFrame({"label": ["Look", "Buy"], "order": [0, 1], "customers": [0, 5],
                          "share": [0.0, 0.5], "step": [float("nan"), float("inf")]})
    spec = charts.funnel_bars(frame, title="F", share_title="Share",
                              stage_title="Stage").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["step"] for v in values] == [None, None]


def _shares() -> pl.DataFrame:
    return pl.DataFrame({"persona": ["Ann", "Ann", "Bob", "Bob"],
                         "channel": ["Web", "Store", "Web", "Store"],
                         "source": ["Declared", "Declared", "Observed", "Observed"],
                         "share": [0.75, 0.25, 0.9, 0.001], "customer_id": ["x"] * 4})


def test_share_heatmap_one_panel_per_group_in_given_order() -> None:
    spec = charts.share_heatmap(_shares(), row="persona", column="channel", value="share",
                                column_title="Channel", value_title="Share", facet="source",
                                columns=1, column_sort=["Store", "Web"]).to_dict()
    assert "title" not in spec
    assert spec["facet"] == {"field": "source", "type": "nominal", "sort": ["Declared",
                                                                           "Observed"],
                             "title": None, "header": {"labelFontSize": 13,
                                                       "labelFontWeight": "bold"}}
    assert spec["columns"] == 1
    cells, text = spec["spec"]["layer"]
    assert cells["encoding"]["x"]["sort"] == ["Store", "Web"]
    assert cells["encoding"]["y"]["sort"] == ["Ann", "Bob"]
    assert cells["encoding"]["color"]["scale"] == {"scheme": "blues", "domainMin": 0}
    assert text["encoding"]["text"]["condition"]["format"] == ".0%"
    assert text["encoding"]["text"]["condition"]["test"] == "(datum['share'] >= 0.005)"
    values = next(iter(spec["datasets"].values()))
    assert set(values[0]) == {"persona", "channel", "source", "share"}  # no customer ids


def test_share_heatmap_without_panels_is_a_layer() -> None:
    spec = charts.share_heatmap(_shares(), row="persona", column="channel", value="share",
                                title="T", row_title="Persona", column_title="Channel",
                                value_title="Share").to_dict()
    assert spec["title"] == "T" and "facet" not in spec
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["Web", "Store"]


def test_silhouette_line_marks_the_chosen_k() -> None:
    curve = pl.DataFrame({"k": [2, 3, 4], "silhouette": [0.31, 0.42, 0.2],
                          "chosen": [False, True, False]})
    spec = charts.silhouette_line(curve, k_title="k", score_title="Silhouette").to_dict()
    rule, line, ring = spec["layer"]
    assert line["mark"] == {"type": "line", "point": True}
    assert line["encoding"]["x"]["type"] == "ordinal"
    assert ring["transform"] == rule["transform"] == [{"filter": "datum.chosen"}]
    assert rule["encoding"] == {"x": {"field": "k", "type": "ordinal"}}
    values = next(iter(spec["datasets"].values()))
    assert [v["chosen"] for v in values] == [False, True, False]


def test_impact_effort_numbers_each_action_and_spreads_a_shared_cell_the_same_way() -> None:
    plan = pl.DataFrame({"rank": [1, 2, 3, 4], "action": ["a", "b", "c", "d"],
                         "impact": [5, 5, 5, 2], "effort": [2, 2, 2, 4],
                         "source": ["Consultant", "Derived", "Derived", "Consultant"]})
    titles = {"impact_title": "Impact", "effort_title": "Effort", "source_title": "Source"}
    spec = charts.impact_effort(plan, **titles).to_dict()
    assert "random" not in str(spec)  # the print and the screen show the same places
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "rule", "circle",
                                                                   "text"]
    assert spec["layer"][3]["encoding"]["text"]["field"] == "rank"
    rows = next(v for v in spec["datasets"].values() if len(v) == 4)
    places = {r["rank"]: (round(r["x"], 3), round(r["y"], 3)) for r in rows}
    assert places[4] == (4, 2)  # alone in its cell: on the cell
    shared = [places[k] for k in (1, 2, 3)]
    assert len(set(shared)) == 3  # three actions in one cell: three places around it
    assert all(abs(x - 2) <= 0.3 and abs(y - 5) <= 0.3 for x, y in shared)
    assert spec == charts.impact_effort(plan, **titles).to_dict()


def test_count_heatmap_narrows_its_columns_to_stay_within_the_page() -> None:
    names = [f"Channel {i}" for i in range(11)]
    frame = pl.DataFrame({"source": names, "target": names, "count": list(range(11))})
    wide = charts.count_heatmap(frame, row="source", column="target", value="count",
                                row_title="From", column_title="To", value_title="n")
    assert wide.to_dict()["width"]["step"] * 11 <= 700
    few = charts.count_heatmap(frame.head(3), row="source", column="target", value="count")
    assert few.to_dict()["width"]["step"] == 90


def test_every_chart_takes_the_frame_first_and_the_rest_by_keyword() -> None:
    import inspect

    for name in charts.__all__:
        function = getattr(charts, name)
        if not callable(function):
            continue
        parameters = list(inspect.signature(function).parameters.values())
        assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, name
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:]), name
        titles = [p for p in parameters if p.name.endswith("title")]
        assert titles and all(p.default == "" for p in titles), name


def test_a_chart_refuses_its_options_by_position() -> None:
    with pytest.raises(TypeError):
        charts.silhouette_line(pl.DataFrame({"k": [2], "silhouette": [0.3], "chosen": [True]}),
                               "", "k", "Silhouette")  # type: ignore[misc]


def test_an_omitted_title_draws_the_same_chart_as_an_empty_one() -> None:
    spec = charts.interval_bars(_segments(), label="label", value="value", low="ci_low",
                                high="ci_high", title="", value_title="NPS",
                                label_title="").to_dict()
    assert spec == charts.interval_bars(_segments(), label="label", value="value", low="ci_low",
                                        high="ci_high", value_title="NPS").to_dict()
    frame = pl.DataFrame({"label": ["Buy"], "share": [0.5], "performance": [3.0],
                          "quadrant": ["fix"]})
    codes = {q: q for q in ("fix", "keep", "watch", "maintain")}
    assert (charts.importance_matrix(frame).to_dict()
            == charts.importance_matrix(frame, title="", importance_title="",
                                        performance_title="", quadrant_titles=codes).to_dict())


def test_the_package_exports_what_its_modules_define() -> None:
    import importlib
    import pkgutil

    families = [importlib.import_module(f"{charts.__name__}.{module.name}")
                for module in pkgutil.iter_modules(charts.__path__)
                if not module.name.startswith("_")]
    drawn = {name for family in families for name in family.__all__}
    assert drawn | {"MAX_ROWS", "STATUS_COLOURS"} == set(charts.__all__)
    assert all(hasattr(charts, name) for name in charts.__all__)
