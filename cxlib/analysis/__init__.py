"""Analysis: validated frames in, aggregated frames and findings out — one module per area.

Overview, personas, touchpoints, journeys (event logs), interviews (coded passages,
agreement, saturation), KPIs and their review, key drivers, verbatims, waves and the
journey map with its action plan. Nothing here draws a chart or writes a file.
"""
