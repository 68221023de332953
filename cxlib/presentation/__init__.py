"""Presentation: aggregated frames to what a client reads.

Charts (altair) and how they render, the notebook's ``Page``, the report template
(nbconvert), the run's front page, and the exports: chart images, workbooks, the deck and
PDF prints. Presentation never reads inputs on its own or starts a run.
"""
