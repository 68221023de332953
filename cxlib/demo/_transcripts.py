"""Interview transcripts and their coding by two coders, with exact character offsets.

A transcript is a header, then speaker turns separated by blank lines: the interviewer's
questions and the interviewee's answers. Answers are built from the client's
:class:`~cxlib.demo._spec.Fact` sentences for the interviewee's department or persona,
stage by stage in journey order, so every coded passage is a known sentence whose codes
(stage, channel, valence, emotion, theme) are known too. The first coder codes every
interview; the second codes an overlapping subset and mostly, not always, agrees.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cxlib.demo._spec import ClientSpec, Fact, Interview

__all__ = ["Segment", "build_transcripts", "fact_codes"]

#: Word-count window of a transcript, whole file included.
MIN_WORDS, MAX_WORDS = 320, 590
_CLOSING_WORDS = 70
_KEY_TRUTHS = ("detractor_driver_touchpoint", "dropout_touchpoint",
               "enchantment_moment_of_truth")


@dataclass(frozen=True)
class Segment:
    """A coded passage: ``text == transcript[start:end]``."""

    interview_id: str
    coder: str
    code_id: str
    start: int
    end: int
    text: str


class _Doc:
    """A transcript under construction that tracks the offsets of coded sentences."""

    def __init__(self, spec: ClientSpec) -> None:
        self.wording = spec.wording
        self.text = ""
        self.marks: list[tuple[int, int, Fact | None]] = []

    def line(self, text: str) -> None:
        self.text += text + "\n"

    def turn(self, speaker: str, sentences: list[tuple[str, Fact | None]]) -> None:
        self.text += "\n" + speaker + self.wording.separator
        start_turn = len(self.text)
        for i, (sentence, fact) in enumerate(sentences):
            if i:
                self.text += " "
            start = len(self.text)
            self.text += sentence
            if fact is not None:
                self.marks.append((start, len(self.text), fact))
        self.marks.append((start_turn, len(self.text), None))
        self.text += "\n"

    @property
    def words(self) -> int:
        return len(self.text.split())


def fact_codes(spec: ClientSpec, fact: Fact) -> list[str]:
    """Return the codes a careful coder applies to a fact's sentence.

    Parameters
    ----------
    spec : ClientSpec
        The client.
    fact : Fact
        The sentence's fact.

    Returns
    -------
    list of str
        Stage, channel (when known), valence, emotion and theme code ids.
    """
    stage, channel, valence = _where(spec, fact)
    codes = [spec.code_prefixes["stage"] + stage]
    if channel:
        codes.append(spec.code_prefixes["channel"] + channel)
    return [*codes, spec.valences[valence][0], fact.emotion, fact.theme]


def _where(spec: ClientSpec, fact: Fact) -> tuple[str, str | None, str]:
    if fact.touchpoint is None:
        return fact.stage or "", fact.channel, fact.valence or "neutral"
    tp = next(t for t in spec.touchpoints if t.id == fact.touchpoint)
    return fact.stage or tp.stage, fact.channel or tp.channel, fact.valence or tp.valence


def _speaks(fact: Fact, iv: Interview) -> bool:
    if iv.population == "employee":
        return bool(fact.employee) and (not fact.departments or iv.department in
                                         fact.departments)
    return bool(fact.customer) and (not fact.personas or iv.persona in fact.personas)


_SIGN = {"enchantment": 1, "neutral": 0, "irritant": -1, "rupture": -1}


def _bridge(spec: ClientSpec, rng: random.Random, before: Fact, after: Fact) -> str:
    """Return a short linking sentence, contrasting when the valence changes sign."""
    was, now = _SIGN[_where(spec, before)[2]], _SIGN[_where(spec, after)[2]]
    kind = "to_bad" if was > 0 > now else "to_good" if was < 0 < now else "same"
    return rng.choice(spec.wording.bridges[kind])


def _answer(spec: ClientSpec, rng: random.Random, iv: Interview, facts: list[Fact],
            opener: str | None) -> list[tuple[str, Fact | None]]:
    out: list[tuple[str, Fact | None]] = [(opener, None)] if opener else []
    for i, fact in enumerate(facts):
        if i and rng.random() < 0.3:
            out.append((_bridge(spec, rng, facts[i - 1], fact), None))
        variants = fact.employee if iv.population == "employee" else fact.customer
        out.append((rng.choice(variants), fact))
    return out


def _header(spec: ClientSpec, iv: Interview, rng: random.Random) -> str:
    fmt = spec.style.date_format
    return spec.wording.header.format(id=iv.id, who=iv.role, date=iv.day.strftime(fmt),
                                      minutes=rng.randint(35, 60),
                                      interviewer=spec.coders[iv.coder])


def _words(sentences: list[tuple[str, Fact | None]]) -> int:
    return sum(len(s.split()) + 1 for s, _ in sentences)


def _exchange(doc: _Doc, rng: random.Random, iv: Interview, question: str,
              pool: list[Fact], take: int, spec: ClientSpec) -> bool:
    """Ask ``question`` and answer with up to ``take`` facts of ``pool`` if they fit."""
    for n in dict.fromkeys((take, 1)):
        opener = rng.choice(spec.wording.openers) if n > 1 and rng.random() < 0.45 else None
        answer = _answer(spec, rng, iv, pool[:n], opener)
        cost = len(question.split()) + _words(answer) + 2
        if doc.words + cost + _CLOSING_WORDS <= MAX_WORDS:
            doc.turn(spec.wording.interviewer, [(question, None)])
            doc.turn(iv.first, answer)
            del pool[:n]
            return True
    return False


def _stage_round(doc: _Doc, rng: random.Random, iv: Interview, stage: str,
                 pool: list[Fact], spec: ClientSpec) -> None:
    """Ask about one stage and answer with two or three facts, maybe with a follow-up."""
    wording = spec.wording
    question = rng.choice(wording.questions[(stage, iv.population)])
    if not _exchange(doc, rng, iv, question, pool, min(len(pool), rng.choice((2, 2, 3))),
                     spec):
        return
    if pool and rng.random() < 0.35:
        _exchange(doc, rng, iv, rng.choice(wording.follow_ups), pool, 1, spec)


def _leftovers(doc: _Doc, rng: random.Random, iv: Interview, pools: list[list[Fact]],
               spec: ClientSpec) -> None:
    """Ask open questions on what is left until the transcript is long enough."""
    rest = [f for pool in pools for f in pool]
    rng.shuffle(rest)
    while rest and doc.words < MIN_WORDS + 60:
        question = rng.choice(spec.wording.more_questions)
        if not _exchange(doc, rng, iv, question, rest, min(2, len(rest)), spec):
            return


def _transcript(spec: ClientSpec, iv: Interview, seed: int) -> _Doc:
    rng = random.Random(f"{seed}:{spec.slug}:{iv.id}")
    wording = spec.wording
    doc = _Doc(spec)
    doc.line(_header(spec, iv, rng))
    doc.turn(wording.interviewer, [(rng.choice(wording.greetings).format(first=iv.first),
                                    None)])
    contact_first = iv.contact is not None and rng.random() < 0.4
    intro = [(iv.intro, None)] + ([(iv.contact, None)] if contact_first else [])
    doc.turn(iv.first, intro)
    stages = [s["id"] for s in spec.config["stages"]]
    mine = [f for f in spec.facts if _speaks(f, iv)]
    key = {spec.truths[k] for k in _KEY_TRUTHS}
    pools = []
    for stage in stages:
        pool = [f for f in mine if _where(spec, f)[0] == stage]
        rng.shuffle(pool)
        if rng.random() < 0.8:  # the planted truths are well evidenced
            pool.sort(key=lambda f: not (f.key or f.touchpoint in key))
        if pool:
            _stage_round(doc, rng, iv, stage, pool, spec)
        pools.append(pool)
    _leftovers(doc, rng, iv, pools, spec)
    doc.turn(wording.interviewer, [(rng.choice(wording.last_question), None)])
    closing = [(iv.wish, None)]
    if iv.contact is not None and not contact_first:
        closing.append((iv.contact, None))
    doc.turn(iv.first, closing)
    doc.turn(wording.interviewer, [(rng.choice(wording.thanks).format(first=iv.first),
                                    None)])
    return doc


def _first_coder(spec: ClientSpec) -> str:
    return next(c for c in spec.coders if c != spec.second_coder)


def _siblings(spec: ClientSpec, code: str) -> list[str]:
    for group in (spec.emotions, spec.themes, tuple(spec.valences.values())):
        ids = [c[0] for c in group]
        if code in ids:
            return [c for c in ids if c != code]
    return []


def _second_opinion(spec: ClientSpec, rng: random.Random, codes: list[str]) -> list[str]:
    """Return the second coder's codes for a passage: mostly the same, sometimes not."""
    out = []
    for code in codes:
        siblings = _siblings(spec, code)
        draw = rng.random()
        if draw < 0.83 or (not siblings and draw < 0.95):
            out.append(code)
        elif siblings and draw < 0.93:
            out.append(rng.choice(siblings))
    if rng.random() < 0.06:
        out.append(rng.choice(spec.themes)[0])
    return list(dict.fromkeys(out))


def _code(spec: ClientSpec, iv: Interview, doc: _Doc, second: bool,
          seed: int) -> list[Segment]:
    rng = random.Random(f"{seed}:{spec.slug}:{iv.id}:codes")
    first = _first_coder(spec)
    turns = [(start, end) for start, end, fact in doc.marks if fact is None]
    turn_of = {s: next(t for t in turns if t[0] <= s < t[1])
               for s, _, fact in doc.marks if fact is not None}
    out = []
    for start, end, fact in doc.marks:
        if fact is None:
            continue
        codes = fact_codes(spec, fact)
        out += [Segment(iv.id, first, c, start, end, doc.text[start:end]) for c in codes]
        if second and rng.random() > 0.05:
            s, e = turn_of[start] if rng.random() < 0.1 else (start, end)
            out += [Segment(iv.id, spec.second_coder, c, s, e, doc.text[s:e])
                    for c in _second_opinion(spec, rng, codes)]
    return out


def build_transcripts(spec: ClientSpec, seed: int) -> tuple[dict[str, str], list[Segment]]:
    """Write every interview's transcript and code it.

    Parameters
    ----------
    spec : ClientSpec
        The client: interviews, their facts and their coders.
    seed : int
        Generation seed: with the slug, it fixes each transcript's wording and who codes it
        a second time.

    Returns
    -------
    transcripts : dict
        Transcript text by interview id.
    segments : list of Segment
        Every coded passage, by both coders.
    """
    picker = random.Random(f"{seed}:{spec.slug}:second-coder")
    ids = [iv.id for iv in spec.interviews]
    others = [iv.id for iv in spec.interviews if iv.coder != spec.second_coder]
    double = {iv.id for iv in spec.interviews if iv.coder == spec.second_coder}
    double |= set(picker.sample(others, k=min(3, len(others))))
    texts: dict[str, str] = {}
    segments: list[Segment] = []
    for iv in spec.interviews:
        doc = _transcript(spec, iv, seed)
        texts[iv.id] = doc.text
        segments += _code(spec, iv, doc, iv.id in double, seed)
    order = {i: n for n, i in enumerate(ids)}
    segments.sort(key=lambda s: (order[s.interview_id], s.coder, s.start, s.end, s.code_id))
    return texts, segments
