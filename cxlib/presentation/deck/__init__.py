"""The PowerPoint deck of a client run: the slides consultants present and clients forward.

:func:`build_deck` fills a slide template — ``templates/deck/cx-deck.pptx`` by default; a
firm may use its own masters as long as the layouts keep the names of :data:`LAYOUTS`
(see ``templates/deck/README.md``) — with what the HTML reports say, in the client's
language:

1. title: client, wave, date;
2. executive summary, as the run's front page gives it
   (:func:`cxlib.presentation.front.front_page`, computed once per deck): NPS, CSAT and CES
   with their base and change since the previous wave, the mapping health check, and the
   front page's first :data:`SUMMARY_IRRITANTS` irritants, in its order, one quote each;
3. one journey map per persona (:func:`cxlib.analysis.journey_map.persona_map`) as a native
   table: stages as columns; channels, main touchpoints, satisfaction and stage NPS with
   their bases, irritants and opportunities as lanes;
4. the stage × channel matrix (coverage heat map, as a picture);
5. the NPS by stage with its 95% intervals (as a picture);
6. the interview findings: the front page's irritants and the most cited enchantments,
   with quotes;
7. the action plan (:func:`cxlib.analysis.journey_map.action_plan`), first :data:`PLAN_ROWS`
   rows by priority, as a native table.

A slide whose data the client does not have is left out, as the report sections'
declarations say (:func:`cxlib.analysis.coverage.allows`): no event log, survey or coded
interview, no slide that would need them, and no empty slide.

Charts are the report's (:mod:`cxlib.presentation.charts`), drawn offline by vl-convert with
the client's brand theme; tables take the client's primary colour for their header. Text
is sized from its length so that it fits its box without relying on PowerPoint's autofit
(:mod:`~cxlib.presentation.deck.text`), and long cells are cut with "…". Quotes are
pseudonymised exactly as in the HTML report (consent respected); only aggregates and
quotes enter the deck, never rows.

Modules: :mod:`~.text` (text model and fitting), :mod:`~.context` (what slides share),
:mod:`~.layout` and :mod:`~.tables` (pptx plumbing), :mod:`~.summary` and :mod:`~.slides`
(the slides), :mod:`~.build` (:func:`build_deck`).
"""

from cxlib.presentation.deck.build import build_deck
from cxlib.presentation.deck.layout import LAYOUTS, default_template
from cxlib.presentation.deck.slides import PLAN_ROWS
from cxlib.presentation.deck.summary import SUMMARY_IRRITANTS
from cxlib.presentation.deck.text import _cut as _cut
from cxlib.presentation.deck.text import _fit as _fit
from cxlib.presentation.deck.text import _para as _para

__all__ = ["LAYOUTS", "PLAN_ROWS", "SUMMARY_IRRITANTS", "build_deck", "default_template"]
