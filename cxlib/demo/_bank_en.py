"""demo-en: Northbank, an invented UK retail bank.

Everything here is data: the client's configuration, personas, touchpoint inventory,
interviewees and what they say, survey wording and the behaviour the generators follow.
The planted truths are listed in :data:`TRUTHS` and explained in ``TRUTHS.md``.
"""

from __future__ import annotations

from datetime import date

from cxlib.demo._spec import (
    ClientSpec,
    Fact,
    FileStyle,
    Interview,
    JourneyModel,
    KpiSeries,
    Persona,
    PreviousWave,
    SurveyModel,
    Touchpoint,
    Verbatims,
    Wording,
)

__all__ = ["SPEC", "TRUTHS"]

TRUTHS: dict = {
    "client": "Northbank",
    "detractor_driver_touchpoint": "TP36",
    "detractor_driver_stage": "everyday",
    "dropout_channel": "phone",
    "dropout_stage": "compare",
    "dropout_touchpoint": "TP11",
    "store_first_persona": "P4",
    "store_channel": "branch",
    "uninterviewed_department": "account_ops",
    "unevidenced_touchpoint": "TP31",
    "nps_stable_channel": "post",
    "low_base_channel": "chat",
    "suppressed_channel": "video",
    "enchantment_moment_of_truth": "TP47",
    "missing_touchpoint_cell": ("everyday", "website"),
    "no_consent_interview": "I17",
    "waves": ("W1", "W2"),
    "wave_added_touchpoint": "TP28",
    "wave_removed_touchpoint": "TP56",
    "wave_resolved_irritant": "TP20",
    "wave_new_irritant": "TP36",
    "coders": ("ro", "dk"),
}

_CONFIG: dict = {
    "client": "Northbank",
    "language": "en",
    "wave": "W2",
    "waves": [
        {"id": "W1", "label": "Wave 1 - spring 2026", "date": date(2026, 4, 30)},
        {"id": "W2", "label": "Wave 2 - autumn 2026", "date": date(2026, 10, 31)},
    ],
    "stages": [
        {"id": "discover", "label": "I look for a bank that suits me", "macro": "before"},
        {"id": "compare", "label": "I compare accounts and check I'm eligible",
         "macro": "before"},
        {"id": "apply", "label": "I apply and prove who I am", "macro": "during"},
        {"id": "setup", "label": "I set up my account and cards", "macro": "after"},
        {"id": "everyday", "label": "I manage my money day to day", "macro": "after"},
        {"id": "help", "label": "I need help or something goes wrong", "macro": "after"},
    ],
    "channels": [
        {"id": "website", "label": "Website", "kind": "digital"},
        {"id": "app", "label": "Mobile app", "kind": "digital"},
        {"id": "online_banking", "label": "Online banking", "kind": "digital"},
        {"id": "email", "label": "Email", "kind": "digital"},
        {"id": "social", "label": "Social media", "kind": "digital"},
        {"id": "branch", "label": "Branch", "kind": "physical"},
        {"id": "atm", "label": "Cash machines", "kind": "physical"},
        {"id": "post", "label": "Letters and post", "kind": "physical"},
        {"id": "phone", "label": "Contact centre", "kind": "human"},
        {"id": "chat", "label": "Live chat", "kind": "human"},
        {"id": "video", "label": "Video appointments", "kind": "human"},
    ],
    "departments": [
        {"id": "digital", "label": "Digital banking"},
        {"id": "branches", "label": "Branch network"},
        {"id": "contact_centre", "label": "Contact centre"},
        {"id": "account_ops", "label": "Account opening operations"},
        {"id": "fraud", "label": "Fraud and security"},
        {"id": "complaints", "label": "Customer care and complaints"},
        {"id": "marketing", "label": "Marketing and brand"},
    ],
    "targets": {
        "nps": 25, "csat": 0.80, "ces": 5.0, "conversion": 0.45, "retention": 0.92,
        "churn": 0.06, "first_response_time": 8, "resolution_time": 48,
    },
    "scales": {
        "nps": {"min": 0, "max": 10, "top": 9},
        "csat": {"min": 1, "max": 5, "top": 4},
        "ces": {"min": 1, "max": 7, "top": 5},
    },
    "min_base": {"flag": 30, "suppress": 10},
    "brand": {"primary": "#0b3d5c", "secondary": "#2bb3a3"},
}

_FILES = {
    "personas": "personas.xlsx",
    "persona_channels": "persona_channels.xlsx",
    "persona_stages": "journey_workshops.xlsx",
    "touchpoints": "touchpoints.xlsx",
    "interviews": "interviews.xlsx",
    "codebook": "codebook.xlsx",
    "codings": "codings.csv",
    "survey": "survey.csv",
    "events": "events.parquet",
    "kpis": "kpis.csv",
    "actions": "actions.xlsx",
}

_STYLE = FileStyle(
    separator=",", encoding="utf-8", survey_encoding="utf-8", date_format="%Y-%m-%d",
    datetime_format="%Y-%m-%dT%H:%M:%S", decimal_comma=False, line_terminator="\n",
    yes="yes", no="no",
)


def _p(pid: str, name: str, text: tuple[str, ...], share: float,
       appetence: tuple[int, ...]) -> Persona:
    channels = [c["id"] for c in _CONFIG["channels"]]
    return Persona(pid, name, *text, share=share,
                   appetence=dict(zip(channels, appetence, strict=True)))


#  channels: website, app, online_banking, email, social, branch, atm, post, phone, chat, video
_PERSONAS = (
    _p("P1", "Priya, the app-first professional", (
        "29, works in marketing in Leeds; does all her banking in the app and expects "
        "answers in minutes.",
        "If I can't do it on my phone, I don't want to do it.",
        "Control her spending, move money instantly, never visit a branch.",
        "Can I open it on my phone tonight? Do I get a card straight away?",
        "Blocked payments with no explanation, being told to call.",
        "high", "fast, based on app reviews"), 0.26, (3, 3, 2, 1, 2, 0, 1, 0, 1, 2, 1)),
    _p("P2", "Tom, the first-time account holder", (
        "19, student in Bristol; opened his first account for his student loan and part-time "
        "job, follows money tips on social media.",
        "I just don't want to mess it up.",
        "A free account, an overdraft buffer, simple budgeting tools.",
        "What does an overdraft cost? What happens if I go overdrawn?",
        "Jargon, proof-of-address requests he cannot meet, hidden conditions.",
        "low", "guided by friends and social media"), 0.16, (2, 3, 1, 1, 3, 1, 1, 0, 1, 2, 0)),
    _p("P3", "The Okafors, the busy family", (
        "Two working parents in their forties in Manchester; joint account, mortgage and "
        "children's savings; juggle everything between work and school runs.",
        "We need it to just work, we haven't got time to chase.",
        "One view of the family's money, a mortgage adviser when needed.",
        "Can we both manage the joint account? Who do we call when something goes wrong?",
        "Being passed between departments, repeating security questions.",
        "medium", "considered, together"), 0.24, (2, 2, 3, 2, 1, 2, 1, 1, 2, 1, 1)),
    _p("P4", "Margaret, the branch loyalist", (
        "71, retired teacher in Norwich; has banked in the same branch for forty years, "
        "reads paper statements and prefers to speak to a person.",
        "I like to see someone's face when it's about my money.",
        "Feel safe, talk to a person, keep her paper statements.",
        "Will my branch stay open? Who can I speak to if I'm worried about a scam?",
        "Branch closures, automated phone menus, being pushed online.",
        "medium", "cautious, after talking it over"), 0.18, (1, 0, 1, 1, 0, 3, 2, 3, 3, 0, 0)),
    _p("P5", "Dev, the sole trader", (
        "38, runs a small building firm in Birmingham; uses personal and business accounts "
        "and pays suppliers at all hours.",
        "Every hour on hold is an hour not on site.",
        "Pay suppliers quickly, get answers outside office hours, one contact for both "
        "accounts.",
        "How fast can I open a business account? Who do I call when a payment is stuck?",
        "Endless document requests, payee checks that delay payments.",
        "high", "pragmatic, on speed and fees"), 0.16, (2, 3, 3, 2, 1, 1, 1, 0, 2, 1, 2)),
)

_E, _N, _I, _R = "enchantment", "neutral", "irritant", "rupture"


def _tp(tid: str, stage: str, channel: str, name: str, description: str, valence: str,
        owner: str, mot: bool = False, persona: str | None = None) -> Touchpoint:
    return Touchpoint(tid, stage, channel, name, description, valence, owner, mot, persona)


_TOUCHPOINTS = (
    _tp("TP01", "discover", "website", "Product pages and rates",
        "Current accounts, savings and mortgage rates.", _N, "marketing"),
    _tp("TP02", "discover", "social", "Switching offer adverts",
        "Cash bonus for switching; the conditions are in the small print.", _I, "marketing"),
    _tp("TP03", "discover", "social", "Money tips videos",
        "Short budgeting videos aimed at students and first jobbers.", _E, "marketing"),
    _tp("TP04", "discover", "email", "Offer emails to prospects",
        "Emails to people who started but did not finish an application.", _N, "marketing"),
    _tp("TP05", "discover", "branch", "Branch window and leaflets",
        "Savings rates and mortgage offers displayed in branch.", _N, "branches",
        persona="P4"),
    _tp("TP06", "discover", "post", "Direct mail offers",
        "Pre-approved credit card and loan letters.", _I, "marketing"),
    _tp("TP07", "discover", "app", "App store listing and reviews",
        "Ratings and screenshots prospects read before downloading.", _N, "digital"),
    _tp("TP08", "compare", "website", "Account comparison tool",
        "Side-by-side table of current accounts; not designed for joint accounts.", _N,
        "digital"),
    _tp("TP09", "compare", "website", "Eligibility checker",
        "Soft search with no impact on the credit file.", _E, "digital", True),
    _tp("TP10", "compare", "app", "Savings rates in the app",
        "Existing customers compare savings products in the app.", _N, "digital"),
    _tp("TP11", "compare", "phone", "Prospect enquiry line",
        "Prospects queue with existing customers; calls abandoned after long waits.", _R,
        "contact_centre", True),
    _tp("TP12", "compare", "chat", "Chatbot answers on products",
        "Automated answers that loop back to the FAQ.", _I, "digital"),
    _tp("TP13", "compare", "branch", "Talking options through in branch",
        "A colleague goes through accounts and costs with the customer.", _E, "branches"),
    _tp("TP14", "compare", "video", "Video call with a mortgage adviser",
        "Mortgage advice by video, evenings included.", _E, "branches"),
    _tp("TP15", "compare", "social", "Reviews and comments",
        "Customers' comments under posts, answered by the social team.", _N, "marketing"),
    _tp("TP16", "compare", "email", "Quotes and illustrations by email",
        "Loan and mortgage illustrations sent as PDF.", _N, "digital"),
    _tp("TP17", "compare", "post", "Product brochures by post",
        "Brochures and terms sent on request.", _N, "marketing", persona="P4"),
    _tp("TP18", "apply", "website", "Online application form",
        "Ten-minute form with three years of address history.", _N, "digital"),
    _tp("TP19", "apply", "app", "Identity check with selfie and passport",
        "Photo of ID and a selfie; failures restart the application.", _R, "account_ops",
        True),
    _tp("TP20", "apply", "app", "Instant decision in the app",
        "Decision and account number on screen when checks pass.", _E, "digital"),
    _tp("TP21", "apply", "branch", "Opening an account in branch",
        "Appointment needed, next slot often two weeks away.", _I, "branches"),
    _tp("TP22", "apply", "post", "Proof of address by post",
        "Utility bill posted for manual checks.", _I, "account_ops"),
    _tp("TP23", "apply", "phone", "Application support line",
        "Help with a stalled application.", _N, "contact_centre"),
    _tp("TP24", "apply", "email", "Requests for extra documents",
        "Emails asking for one more document, one at a time.", _I, "account_ops"),
    _tp("TP25", "apply", "video", "Video identity verification",
        "ID checked on a video call when the app check fails.", _N, "account_ops"),
    _tp("TP26", "apply", "chat", "Help with the form on live chat",
        "Agents help applicants who are stuck on a question.", _N, "digital"),
    _tp("TP27", "setup", "post", "Card and PIN delivery",
        "Card and PIN in separate letters, up to ten days.", _I, "account_ops"),
    _tp("TP28", "setup", "app", "Digital card in the app",
        "Card usable in the phone wallet the same day.", _E, "digital", True),
    _tp("TP29", "setup", "online_banking", "Online banking registration",
        "Activation code sent by post.", _I, "digital"),
    _tp("TP30", "setup", "email", "Welcome emails",
        "Series of five emails in the first month.", _N, "marketing"),
    _tp("TP31", "setup", "post", "Welcome pack letter",
        "Printed welcome pack with the account details and a personal letter.", _E,
        "marketing"),
    _tp("TP32", "setup", "branch", "Setting up in branch with a colleague",
        "A colleague installs the app with the customer.", _E, "branches"),
    _tp("TP33", "setup", "phone", "Switching service support",
        "Help with the seven-day current account switch.", _N, "contact_centre"),
    _tp("TP34", "setup", "atm", "First PIN change at a cash machine",
        "Changing the PIN received by post.", _N, "branches"),
    _tp("TP35", "everyday", "app", "Balance and spending insights",
        "Spending by category, upcoming payments.", _E, "digital"),
    _tp("TP36", "everyday", "app", "Card blocked by fraud checks",
        "Genuine payments declined by automatic fraud rules, with no alert in the app.", _I,
        "fraud", True),
    _tp("TP37", "everyday", "online_banking", "Payments and transfers online",
        "Standing orders, transfers, direct debits.", _N, "digital"),
    _tp("TP38", "everyday", "online_banking", "Adding a new payee",
        "Confirmation of payee and call-back for larger amounts.", _I, "fraud"),
    _tp("TP39", "everyday", "atm", "Cash withdrawals",
        "Own and partner cash machines.", _N, "branches"),
    _tp("TP40", "everyday", "branch", "Counter services in branch",
        "Reduced opening days, queues on open days.", _I, "branches"),
    _tp("TP41", "everyday", "email", "Statements and alerts by email",
        "Monthly statement and low-balance alerts.", _N, "digital"),
    _tp("TP42", "everyday", "post", "Paper statements",
        "Monthly paper statement on request.", _N, "account_ops", persona="P4"),
    _tp("TP43", "everyday", "phone", "Telephone banking",
        "Balances and payments with an agent or the automated line.", _N,
        "contact_centre"),
    _tp("TP44", "everyday", "social", "Service updates on social media",
        "Outage and maintenance updates.", _N, "marketing"),
    _tp("TP45", "everyday", "chat", "Everyday questions on live chat",
        "Agents answer questions about payments and limits.", _E, "contact_centre"),
    _tp("TP46", "help", "phone", "Contact centre for problems",
        "Security questions, transfers between teams.", _I, "contact_centre"),
    _tp("TP47", "help", "phone", "Fraud team call-back and refund",
        "Scam victims called back within the hour, refund usually next day.", _E, "fraud",
        True),
    _tp("TP48", "help", "chat", "Live chat with an agent",
        "Problems handled by chat, handed to the phone when complex.", _N,
        "contact_centre"),
    _tp("TP49", "help", "app", "Reporting a problem in the app",
        "Lost card, disputed payment, in a few taps.", _N, "digital"),
    _tp("TP50", "help", "branch", "Raising a complaint in branch",
        "Complaint logged in branch, no follow-up visible to the branch.", _I, "complaints"),
    _tp("TP51", "help", "email", "Complaint acknowledgement and final response",
        "Acknowledgement, then up to eight weeks for a final response.", _I, "complaints",
        True),
    _tp("TP52", "help", "social", "Complaints on social media",
        "Public complaint moved to private messages.", _N, "marketing"),
    _tp("TP53", "help", "post", "Bereavement and power of attorney paperwork",
        "Certificates sent several times to several teams.", _R, "account_ops", True),
    _tp("TP54", "help", "video", "Video appointment to resolve a problem",
        "Complex complaints settled face to face on video.", _E, "complaints"),
    _tp("TP55", "help", "online_banking", "Secure messages in online banking",
        "Replies within five working days.", _I, "complaints"),
)

_FACTS = (
    Fact("TP36", "em_anger", "th_security", employee=(
        "The biggest driver of angry calls is the automatic card block: the fraud rules stop "
        "a perfectly normal payment and the customer finds out at the till.",
        "We block thousands of genuine payments a month, and the app doesn't tell the "
        "customer why, so they ring us from the supermarket queue.",
        "When a card is blocked abroad, there's no way to unblock it in the app; they have "
        "to call, and the wait can be forty minutes.",
    ), customer=(
        "My card was declined at the supermarket with a full trolley and a queue behind me. "
        "No text, no notification in the app, nothing. I was mortified.",
        "They blocked my card on holiday in Spain for unusual activity. I spent an hour on "
        "the phone over hotel wifi to get it unblocked.",
        "It happens every time I buy something over a few hundred pounds online: the "
        "payment fails and I have to call to prove it's me.",
    ), departments=("fraud", "contact_centre", "branches", "complaints")),
    Fact("TP47", "em_relief", "th_security", employee=(
        "When someone has been scammed, our fraud team calls them back within the hour, and "
        "most refunds are made the next day. That's the moment customers remember.",
        "We had a customer in tears after a scam call; my colleague stayed on the line with "
        "her for forty minutes and the money was back the next morning.",
    ), customer=(
        "When I was scammed, the fraud team called me back within the hour and the money was "
        "back in my account the next day. I'll never forget that.",
        "The lady from the fraud team was wonderful: calm, patient, she explained "
        "everything, and I didn't lose a penny.",
    ), departments=("fraud", "contact_centre", "complaints"),
        personas=("P1", "P3", "P4", "P5")),
    Fact("TP11", "em_frustration", "th_waiting", employee=(
        "Prospects who call the enquiry line before applying wait as long as existing "
        "customers, sometimes twenty-five minutes, and many just hang up.",
        "There's no separate queue for people who aren't customers yet, so a simple "
        "question about an account ends in an abandoned call.",
    ), customer=(
        "I rang to ask a simple question about the joint account before applying. After "
        "twenty minutes on hold I gave up and opened one elsewhere.",
        "I called twice about the business account; both times I gave up after half an "
        "hour on hold. That was nearly the end of it for me.",
    ), departments=("contact_centre", "marketing"), personas=("P3", "P4", "P5")),
    Fact("TP09", "em_trust", "th_digital", employee=(
        "The eligibility checker works really well: it's a soft search, so people try it "
        "without worrying about their credit score.",
    ), customer=(
        "I liked the eligibility checker: two minutes, no mark on my credit file, and it "
        "told me straight away what I could get.",
    ), departments=("digital", "marketing"), personas=("P1", "P2", "P3")),
    Fact("TP12", "em_frustration", "th_digital", employee=(
        "The chatbot is fine for opening hours, but for any real question about an account "
        "it loops back to the FAQ.",
    ), customer=(
        "The chatbot kept sending me the same FAQ link whatever I typed. In the end I asked "
        "for a human and it said none were available.",
    ), departments=("digital", "contact_centre"), personas=("P1", "P2")),
    Fact("TP19", "em_anxiety", "th_paperwork", employee=(
        "The ID check in the app fails for a lot of people: the passport photo is rejected "
        "and the application starts again from zero.",
        "We see customers in branch who gave up on the selfie check at home; by then they've "
        "tried three or four times.",
    ), customer=(
        "The selfie check failed four times because of the light in my flat, and each time "
        "I had to start the whole application again.",
        "I'm not good with the phone camera; the passport photo never went through, so in "
        "the end I went to a branch.",
    ), departments=("digital", "contact_centre", "branches"),
        personas=("P1", "P2", "P4", "P5")),
    Fact("TP20", "em_joy", "th_digital", employee=(
        "When the checks pass, the app gives an instant decision and a sort code on screen; "
        "for young customers, that's the wow moment.",
    ), customer=(
        "I had a decision in about three minutes and my account number on the screen. "
        "Honestly, it was easier than ordering a pizza.",
    ), departments=("digital",), personas=("P1", "P2")),
    Fact("TP21", "em_weariness", "th_access", employee=(
        "To open an account in branch you now need an appointment, and in some branches the "
        "next slot is two weeks away.",
    ), customer=(
        "I wanted to open a savings account in my branch, but they said I needed an "
        "appointment, and the first one was in a fortnight.",
    ), departments=("branches",), personas=("P3", "P4")),
    Fact("TP22", "em_weariness", "th_paperwork", employee=(
        "We still ask some customers to post a utility bill as proof of address, and those "
        "letters sit in a queue for a week.",
    ), customer=(
        "They asked me to post a copy of a gas bill. I did, and then nothing for ten days; I "
        "had to ring to check it had arrived.",
    ), departments=("branches", "contact_centre"), personas=("P2", "P4")),
    Fact("TP24", "em_frustration", "th_paperwork", employee=(
        "Business applicants get email after email asking for one more document, and each "
        "request resets the clock.",
    ), customer=(
        "Every few days another email asking for one more document: bank statements, then "
        "an invoice, then a letter from my accountant.",
    ), departments=("contact_centre", "branches", "complaints"), personas=("P3", "P5")),
    Fact("TP27", "em_weariness", "th_waiting", employee=(
        "The card and the PIN arrive in separate letters, sometimes a week apart, and "
        "customers call us in between thinking something's gone wrong.",
    ), customer=(
        "The card came on a Monday and the PIN the following Thursday. In between I couldn't "
        "pay for anything in a shop.",
    ), departments=("contact_centre", "branches", "digital"), personas=("P2", "P3", "P4")),
    Fact("TP28", "em_joy", "th_digital", employee=(
        "The digital card in the app means people can pay with their phone the same day, "
        "before the plastic card arrives.",
    ), customer=(
        "I could add the card to my phone wallet straight away, so I was paying for coffee "
        "the same afternoon.",
    ), departments=("digital",), personas=("P1", "P2", "P5")),
    Fact("TP29", "em_frustration", "th_digital", employee=(
        "To register for online banking you still need an activation code sent by post, "
        "which makes no sense if you've just opened an account in the app.",
    ), customer=(
        "To use online banking on my computer they posted me an activation code; it took a "
        "week, and by then I'd lost the letter.",
    ), departments=("digital", "contact_centre"), personas=("P3", "P4")),
    Fact("TP32", "em_trust", "th_advice", employee=(
        "When we sit with an older customer and set up the app together, they leave "
        "confident, and they often come back to thank us.",
    ), customer=(
        "The young man in the branch set up the app on my phone with me, step by step, and "
        "wrote everything down. Very patient.",
    ), departments=("branches",), personas=("P4", "P3")),
    Fact("TP33", "em_relief", "th_handoffs", employee=(
        "The switching service does the heavy lifting; our calls are mostly about a direct "
        "debit that didn't move across.",
    ), customer=(
        "The switch itself was painless: seven working days and all my direct debits moved "
        "across.",
    ), departments=("contact_centre",), personas=("P1", "P3")),
    Fact("TP35", "em_joy", "th_digital", employee=(
        "Spending insights is the most used feature in the app after the balance.",
    ), customer=(
        "I love the spending insights; I can see exactly how much I spend on takeaways "
        "every month, which is slightly terrifying.",
    ), departments=("digital",), personas=("P1", "P2", "P5")),
    Fact("TP38", "em_anxiety", "th_security", employee=(
        "Adding a new payee triggers extra checks and a call-back for larger amounts; it "
        "protects people, but it's slow.",
    ), customer=(
        "Paying a new supplier means a security call-back every time. I understand why, but "
        "I've missed deadlines because of it.",
    ), departments=("fraud", "digital"), personas=("P3", "P5")),
    Fact("TP40", "em_weariness", "th_access", employee=(
        "Our branch is now open three days a week, so Mondays and Thursdays are queues out "
        "of the door.",
    ), customer=(
        "My branch only opens three days a week now, and on those days the queue goes right "
        "out of the door.",
    ), departments=("branches",), personas=("P4",)),
    Fact("TP43", "em_trust", "th_advice", employee=(
        "Many older customers still ring us for a balance, and we're happy to help, but it "
        "ties up the lines.",
    ), customer=(
        "I still use telephone banking for anything important; I like hearing a real voice.",
    ), departments=("contact_centre",), personas=("P4",)),
    Fact("TP45", "em_relief", "th_digital", employee=(
        "Live chat agents handle three conversations at once, and satisfaction on chat is "
        "higher than on the phone.",
    ), customer=(
        "When I get a real person on the live chat it's quick: my question about a standing "
        "order was sorted in five minutes.",
    ), departments=("contact_centre", "digital"), personas=("P1", "P2")),
    Fact("TP46", "em_weariness", "th_waiting", employee=(
        "Half the call is spent on security questions before we can even look at the "
        "problem, and then we often have to transfer.",
    ), customer=(
        "I was transferred three times and had to answer the security questions at every "
        "step.",
    ), departments=("contact_centre", "complaints"), personas=("P3", "P4", "P5")),
    Fact("TP50", "em_frustration", "th_handoffs", employee=(
        "In branch we can log a complaint, but we never hear what happens next; the customer "
        "comes back to us and we have nothing to say.",
    ), customer=(
        "I complained in branch, they wrote it down, and that was the last I heard of it.",
    ), departments=("branches", "complaints"), personas=("P3", "P4")),
    Fact("TP51", "em_anger", "th_waiting", employee=(
        "We have eight weeks to send a final response, and too often we use them all, even "
        "for simple cases.",
    ), customer=(
        "The complaint letter said they'd reply within eight weeks. Eight weeks! For a fee "
        "they took by mistake.",
    ), departments=("complaints",), personas=("P3", "P4", "P5")),
    Fact("TP53", "em_anxiety", "th_paperwork", employee=(
        "Bereavement is where we let people down most: families send the same certificates "
        "several times because each team asks again.",
    ), customer=(
        "When my husband died I had to send the death certificate three times, to three "
        "different departments. It was the last thing I needed.",
    ), departments=("branches", "complaints", "contact_centre"), personas=("P4",)),
    Fact("TP54", "em_relief", "th_advice", employee=(
        "Video appointments for complex complaints work well, but only a handful of us are "
        "trained to run them.",
    ), customer=(
        "A video call with someone from customer care sorted out in twenty minutes what had "
        "dragged on for weeks.",
    ), departments=("complaints",), personas=("P5",)),
    Fact("TP55", "em_weariness", "th_waiting", employee=(
        "Secure messages are answered in five working days; customers then phone to chase, "
        "which doubles the work.",
    ), customer=(
        "I sent a secure message about a charge and got a reply after six days, telling me "
        "to call.",
    ), departments=("complaints", "digital"), personas=("P1", "P5")),
    Fact("TP02", "em_frustration", "th_fees", employee=(
        "The switching adverts perform well, but the small print on the cash bonus creates "
        "a lot of disappointed applicants.",
    ), customer=(
        "The advert said a hundred and seventy-five pounds for switching, but the conditions "
        "were buried: pay in fifteen hundred a month, two direct debits, and so on.",
    ), departments=("marketing",), personas=("P1", "P2")),
    Fact("TP03", "em_joy", "th_recognition", employee=(
        "The money tips videos are what students mention when we ask how they found us.",
    ), customer=(
        "Their short videos on budgeting are actually useful; that's how I first heard of "
        "Northbank.",
    ), departments=("marketing",), personas=("P2",)),
    Fact("TP05", "em_trust", "th_access", employee=(
        "The window displays still bring older customers in, mostly for the savings rates.",
    ), customer=(
        "I picked up a leaflet about the savings rates in the branch window.",
    ), departments=("branches",), personas=("P4",)),
    Fact("TP08", "em_weariness", "th_fees", employee=(
        "The comparison tool is fine for single accounts, but it was never designed for "
        "couples or families.",
    ), customer=(
        "The comparison table on the website is clear enough, but it doesn't say which "
        "account works for a joint household.",
    ), departments=("digital",), personas=("P3", "P1")),
    Fact("TP13", "em_trust", "th_advice", employee=(
        "When a family sits down with a branch colleague to go through the options, they "
        "nearly always go ahead.",
    ), customer=(
        "We sat down with a lady in the branch who went through the accounts with us; we "
        "left knowing exactly what we were signing.",
    ), departments=("branches",), personas=("P3", "P4")),
    Fact("TP18", "em_weariness", "th_paperwork", employee=(
        "The application form asks for three years of address history, and that's where "
        "most people pause.",
    ), customer=(
        "The online form was long but straightforward, apart from typing three years of "
        "address history.",
    ), departments=("digital",), personas=("P1", "P5")),
    Fact("TP42", "em_trust", "th_paperwork", employee=(
        "Customers who rely on paper statements worry when one doesn't arrive, and they come "
        "into branch.",
    ), customer=(
        "I still get paper statements; I like to tick everything off with a pen.",
    ), departments=("branches",), personas=("P4",)),
    Fact(None, "em_surprise", "th_digital", stage="everyday", channel="app", valence=_N,
         employee=(
             "We assume our older customers only use the branch, but the data says "
             "otherwise: many now use the app every day, often helped by family.",
         ), customer=(
             "When they cut my branch to three days a week, my grandson put the app on my "
             "phone. Now I check everything on it; I hardly go in any more.",
             "I never thought I'd bank on a phone at my age, but it's easier than getting "
             "the bus into town.",
             "I read the emails from the bank and log in on the tablet; my daughter showed "
             "me how at Christmas.",
         ), departments=("branches", "digital"), personas=("P4",), key=True),
    Fact(None, "em_weariness", "th_handoffs", stage="help", valence=_I, employee=(
        "Nobody owns a case from start to finish: the contact centre passes it to "
        "operations, operations to complaints, and the customer tells the story each time.",
        "We never speak to the account opening team; we email a shared mailbox and hope "
        "someone picks it up.",
    ), departments=("contact_centre", "complaints", "branches")),
    Fact("TP49", "em_trust", "th_digital", employee=(
        "Reporting a lost card in the app is now the most common route, and it takes the "
        "pressure off the phones.",
    ), customer=(
        "Reporting a lost card in the app took thirty seconds, and the new one was ordered "
        "straight away.",
    ), departments=("digital", "fraud"), personas=("P1", "P2")),
    Fact("TP36", "em_frustration", "th_information", employee=(
        "Our rules are tuned to prevent losses, not to spare the customer: a false alarm "
        "costs us nothing on paper, but it costs the customer a lot.",
        "We could send an alert within seconds of a block; the technology is there, it has "
        "just never been a priority.",
    ), customer=(
        "If they'd just sent a notification asking whether it was me, I'd have tapped yes "
        "and carried on with my shopping.",
    ), departments=("fraud", "digital")),
    Fact(None, "em_anxiety", "th_security", stage="help", channel="phone", valence=_I,
         employee=(
             "Scam calls pretending to be us have tripled this year, so customers are "
             "suspicious when we call, even when it's genuinely us.",
             "We ask customers to call us back on the number on their card, which is safe, "
             "but it means another queue.",
         ), departments=("fraud", "contact_centre")),
    Fact(None, "em_trust", "th_security", stage="everyday", channel="app", valence=_E,
         employee=(
             "The card freeze button in the app is a success: people freeze their card when "
             "they can't find it, instead of cancelling it.",
         ), customer=(
             "If I misplace my card I just freeze it in the app, then unfreeze it when it "
             "turns up in my coat pocket.",
         ), departments=("fraud", "digital"), personas=("P1", "P2")),
    Fact("TP04", "em_weariness", "th_information", employee=(
        "We email people who abandon an application, but many abandoned because they "
        "couldn't get through on the phone, so the email lands badly.",
    ), customer=(
        "I got three emails telling me to finish my application, while I was stuck on the "
        "ID check.",
    ), departments=("marketing",), personas=("P1", "P2")),
    Fact("TP06", "em_weariness", "th_fees", employee=(
        "Direct mail still goes out to existing customers, offering them products they "
        "already have.",
    ), customer=(
        "I keep getting letters offering me a credit card I already have.",
    ), departments=("marketing",), personas=("P3", "P4")),
    Fact("TP15", "em_trust", "th_information", employee=(
        "Prospects read the comments under our posts before applying; one unanswered "
        "complaint there costs us applications.",
    ), customer=(
        "I read the comments under their posts before I applied, to see whether people "
        "were happy.",
    ), departments=("marketing",), personas=("P2",)),
    Fact("TP52", "em_relief", "th_handoffs", employee=(
        "On social, we reply within the hour and move the conversation to private messages, "
        "but then we hand it to complaints and lose sight of it.",
    ), customer=(
        "I moaned on social media and someone replied within the hour, which was more than "
        "I got on the phone.",
    ), departments=("marketing", "complaints"), personas=("P1", "P5")),
    Fact("TP44", "em_anxiety", "th_information", employee=(
        "When the app is down, social media is where people look first, so we post updates "
        "before the status page is even changed.",
    ), customer=(
        "When the app went down on payday, the only updates were on their social media.",
    ), departments=("marketing", "digital"), personas=("P1",)),
    Fact("TP01", "em_weariness", "th_fees", employee=(
        "The rates pages are accurate, but customers tell us they're written for people who "
        "already understand banking.",
    ), customer=(
        "The website had the rates, but I read the account page three times to understand "
        "what the overdraft would cost.",
    ), departments=("marketing",), personas=("P2", "P3")),
    Fact(None, "em_anger", "th_fees", stage="help", valence=_I, employee=(
        "Most fee complaints are about charges the customer was never warned about; a text "
        "before the fee would prevent half of them.",
    ), customer=(
        "They charged me twenty-five pounds for a returned payment without a single "
        "warning.",
    ), departments=("complaints",), personas=("P3", "P5")),
    Fact("TP37", "em_trust", "th_digital", employee=(
        "Online banking is stable but dated; business customers would like bulk payments.",
    ), customer=(
        "Online banking is fine for payments; it's the same as it was ten years ago, which "
        "is both good and bad.",
    ), departments=("digital",), personas=("P5", "P3")),
    Fact("TP25", "em_relief", "th_paperwork", employee=(
        "When the app check fails, we offer a video call to check the passport, but slots "
        "are booked up days ahead.",
    ), customer=(
        "In the end they offered a video call to check my passport, which worked, but I "
        "waited four days for a slot.",
    ), departments=("contact_centre",), personas=("P4", "P5")),
)

_Q = {
    ("discover", "employee"): (
        "Let's start at the beginning: how do people first come across Northbank?",
        "What makes someone consider Northbank in the first place?",
    ),
    ("discover", "customer"): (
        "How did you first hear about Northbank?",
        "What made you start looking for a new bank?",
    ),
    ("compare", "employee"): (
        "When people are comparing accounts and checking they're eligible, what goes well "
        "and what gets in the way?",
        "What questions do prospects ask you before they apply?",
    ),
    ("compare", "customer"): (
        "How did you compare the options before choosing?",
        "Tell me about the moment you were weighing up the accounts.",
    ),
    ("apply", "employee"): (
        "Let's talk about applying and proving identity. Where do people get stuck?",
        "What happens when an application stalls?",
    ),
    ("apply", "customer"): (
        "How did the application itself go?",
        "And proving who you are, the ID checks, how was that?",
    ),
    ("setup", "employee"): (
        "After the account is opened, how does the first month usually go?",
        "What do new customers call about in their first weeks?",
    ),
    ("setup", "customer"): (
        "Once the account was open, how was getting set up with cards and online access?",
        "Tell me about your first few weeks with the account.",
    ),
    ("everyday", "employee"): (
        "Day to day, what do customers love and what drives them mad?",
        "What comes up most often about everyday banking?",
    ),
    ("everyday", "customer"): (
        "How do you manage your money day to day with Northbank?",
        "Anything about everyday banking that stands out, good or bad?",
    ),
    ("help", "employee"): (
        "And when something goes wrong, a problem or a complaint, how is it handled?",
        "Can you walk me through what happens when a customer has a problem?",
    ),
    ("help", "customer"): (
        "Have you ever needed help, or had something go wrong?",
        "And when you've had a problem, how was it dealt with?",
    ),
}

_WORDING = Wording(
    interviewer="Interviewer",
    separator=": ",
    header="Interview {id} - {who}\nDate: {date} - Length: {minutes} min - "
           "Interviewer: {interviewer}",
    greetings=(
        "Hello {first}, thanks for making the time. Could you start by introducing "
        "yourself?",
        "Thanks for joining, {first}. Everything you say stays anonymous in our report. "
        "Could you tell me a bit about yourself?",
        "Hi {first}, thank you for agreeing to this. To start with, who are you and what do "
        "you do?",
    ),
    openers=(
        "Yes, definitely.", "That's a good question.", "Honestly?",
        "Oh, that's a big one.", "Let me give you a concrete example.",
        "Mostly fine, to be fair.", "Hmm, let me think.", "There's good and bad.",
        "It depends on the day, really.", "Where do I start.", "I'll be honest with you.",
    ),
    follow_ups=(
        "Do you have another example?", "How did that make you feel?", "Does that happen "
        "often?", "Right. And then what?", "Could you say a bit more about that?",
    ),
    more_questions=(
        "Is there anything else that comes up a lot?",
        "Anything else that comes to mind?",
        "What about things we haven't covered yet?",
    ),
    bridges={
        "same": ("And another thing.", "There's something else too.", "That's not all.",
                 "Another example."),
        "to_good": ("But there's good stuff too.", "To be fair, it's not all bad.",
                    "On the other hand, some things work really well."),
        "to_bad": ("But there's a real sore point.", "Where it goes wrong is later on.",
                   "It's not all rosy, though."),
    },
    last_question=(
        "Last question: if you could change one thing tomorrow, what would it be?",
        "To finish, if you had a magic wand, what would you fix first?",
    ),
    thanks=(
        "Thank you so much, {first}, that's really helpful.",
        "Thanks, {first}, that's very clear. Have a good rest of the day.",
    ),
    questions=_Q,
    population_labels={"employee": "employee", "customer": "customer"},
)


def _iv(iid: str, pop: str, who: tuple[str, str, str], day: tuple[int, int], coder: str,
        intro: str, wish: str, group: str, contact: str | None = None) -> Interview:
    first, last, role = who
    dept = group if pop == "employee" else None
    persona = group if pop == "customer" else None
    return Interview(iid, pop, first, last, role, date(2026, *day), coder, intro, wish,
                     dept, persona, contact)


_INTERVIEWS = (
    _iv("I01", "employee", ("Gareth", "Hughes", "Branch manager, Cardiff Queen Street"),
        (9, 7), "ro",
        "I'm Gareth Hughes, I manage the Cardiff Queen Street branch. Twelve years at "
        "Northbank, all of them in branches.",
        "Give branches sight of what happens to the complaints we log.", "branches",
        "If you need the branch figures, my mobile is 07700 900412."),
    _iv("I02", "employee", ("Aisha", "Rahman", "Contact centre adviser, Leeds"), (9, 8),
        "dk",
        "Aisha Rahman, I'm an adviser in the Leeds contact centre. I've been on the phones "
        "for four years, mostly general banking and card queries.",
        "Let customers unblock their own card in the app. Half my calls would disappear.",
        "contact_centre"),
    _iv("I03", "employee", ("Ben", "Carter", "Product owner, mobile app"), (9, 9), "ro",
        "Ben Carter, product owner for the mobile app in the digital banking team. I look "
        "after onboarding and cards.",
        "Fix the selfie check before we build anything else.", "digital",
        "Happy to share the funnel data: ben.carter@northbank.example."),
    _iv("I04", "employee", ("Fiona", "Mackenzie", "Fraud operations lead"), (9, 10), "dk",
        "Fiona Mackenzie, I lead a fraud operations team of thirty in Edinburgh. We handle "
        "blocked cards, scams and disputed payments.",
        "A push notification for every fraud block, with a button that says it was me.",
        "fraud"),
    _iv("I05", "employee", ("Marcus", "Bell", "Complaints handler"), (9, 14), "ro",
        "Marcus Bell, I'm a complaints handler in customer care, six years, mostly fees and "
        "service complaints.",
        "One owner per complaint, from the first contact to the final response.",
        "complaints",
        "You can reach me on +44 7700 900877 if anything needs checking."),
    _iv("I06", "employee", ("Chloe", "Sutton", "Social media and brand manager"), (9, 15),
        "dk",
        "Chloe Sutton, I manage social media and brand campaigns, including the switching "
        "offers and the money tips series.",
        "Put the switching conditions in the advert itself, not three clicks away.",
        "marketing"),
    _iv("I07", "employee", ("Daniel", "Okoro", "Contact centre team leader"), (9, 16), "ro",
        "Daniel Okoro, team leader in the Manchester contact centre; fourteen advisers, "
        "including the prospect enquiry line.",
        "A separate queue for prospects. We lose people before they've even applied.",
        "contact_centre",
        "My direct line is 0161 496 0732, and my email daniel.okoro@northbank.example."),
    _iv("I08", "employee", ("Hannah", "Price", "Customer service adviser, Norwich branch"),
        (9, 17), "dk",
        "Hannah Price, customer service adviser in the Norwich branch for nine years; I do "
        "the counter and account openings.",
        "Open the branch five days again, or at least give us a proper appointment system.",
        "branches"),
    _iv("I09", "employee", ("Raj", "Patel", "Fraud analyst"), (9, 21), "ro",
        "Raj Patel, fraud analyst; I tune the rules that decide which payments get blocked.",
        "Rules that learn from the customer's own history, so we stop blocking the weekly "
        "shop.", "fraud"),
    _iv("I10", "employee", ("Emma", "Walsh", "Digital experience designer"), (9, 22), "dk",
        "Emma Walsh, experience designer in digital banking; I work on the website, the "
        "chatbot and online banking.",
        "Kill the activation letter for online banking.", "digital"),
    _iv("I11", "employee", ("Steven", "Clarke", "Live chat adviser"), (9, 23), "ro",
        "Steven Clarke, live chat adviser in the contact centre, two years; before that I "
        "was on the phones.",
        "Let chat see what the customer already told the chatbot.", "contact_centre"),
    _iv("I12", "employee", ("Lucy", "Evans", "Mobile banking specialist, Bristol branch"),
        (9, 24), "dk",
        "Lucy Evans, I'm the mobile banking specialist at the Bristol branch; I help people "
        "set up the app and online banking.",
        "A proper handover from the branch to the app, instead of a leaflet.", "branches"),
    _iv("I13", "customer", ("Priyanka", "Shah", "Customer, 31, Leeds"), (10, 1), "ro",
        "Priyanka Shah, I'm 31, I work in marketing in Leeds. I do everything on my phone, "
        "I haven't been in a branch for years.",
        "Tell me why a payment was blocked, in the app, the moment it happens.", "P1",
        "If you want to follow up, priyanka.shah@mailbox.example or 07700 900263."),
    _iv("I14", "customer", ("Jack", "Turner", "Customer, 27, London"), (10, 2), "dk",
        "Jack Turner, 27, software tester in London. I switched to Northbank last year for "
        "the app and the switching bonus.",
        "Less small print on the offers.", "P1"),
    _iv("I15", "customer", ("Tom", "Fletcher", "Customer, 19, Bristol"), (10, 5), "ro",
        "Tom Fletcher, I'm 19, in my first year at uni in Bristol. This is my first proper "
        "bank account.",
        "Explain the overdraft like I'm five.", "P2",
        "My email's tom.fletcher@student.example if you need anything."),
    _iv("I16", "customer", ("Zara", "Ahmed", "Customer, 20, Sheffield"), (10, 6), "dk",
        "Zara Ahmed, 20, I'm an apprentice in Sheffield. I opened the account when I started "
        "getting paid.",
        "Proof of address that works when you live with your parents.", "P2"),
    _iv("I17", "customer", ("Ngozi", "Okafor", "Customer, 44, Manchester"), (10, 7), "ro",
        "Ngozi Okafor, 44, I'm a nurse in Manchester. My husband and I have a joint account, "
        "the mortgage and savings for the kids.",
        "One person who knows our family's file.", "P3",
        "Best to call me on 07700 900518, or email ngozi.okafor@familymail.example."),
    _iv("I18", "customer", ("James", "Whitfield", "Customer, 46, Stockport"), (10, 8),
        "dk",
        "James Whitfield, 46, engineer, Stockport. Two kids, joint account, and we moved our "
        "mortgage to Northbank in the spring.",
        "Stop transferring me between teams.", "P3"),
    _iv("I19", "customer", ("Claire", "Donnelly", "Customer, 42, Liverpool"), (10, 9), "ro",
        "Claire Donnelly, 42, I'm a teacher in Liverpool, married, three children. I work in "
        "Lyon one week a month for an exchange programme.",
        "A phone line that answers before the school run is over.", "P3",
        "During term I'm often in France, so try my French mobile: +33 6 39 98 21 47."),
    _iv("I20", "customer", ("Margaret", "Holloway", "Customer, 72, Norwich"), (10, 12),
        "dk",
        "Margaret Holloway, I'm 72, a retired teacher, in Norwich. I've banked at the same "
        "branch for over forty years.",
        "Keep my branch open. And call back when you say you will.", "P4",
        "My telephone number is 01632 960 384, and I do have an email, "
        "m.holloway@postbox.example."),
    _iv("I21", "customer", ("Harold", "Jennings", "Customer, 78, Ipswich"), (10, 13), "ro",
        "Harold Jennings, 78, retired postman, Ipswich. My wife passed away last year, so "
        "I've been dealing with the bank a lot.",
        "One person to deal with when someone dies, not five departments.", "P4"),
    _iv("I22", "customer", ("Patricia", "Moore", "Customer, 69, Colchester"), (10, 14),
        "dk",
        "Patricia Moore, 69, I used to run a florist in Colchester. I get paper statements "
        "and I like my branch.",
        "A real person on the phone, without pressing six buttons.", "P4"),
    _iv("I23", "customer", ("Dev", "Mistry", "Customer, sole trader, Birmingham"), (10, 15),
        "ro",
        "Dev Mistry, I run a small building firm in Birmingham, eight lads. I bank personally "
        "and for the business with Northbank.",
        "Let me pay a new supplier without a call-back every time.", "P5",
        "Mobile's best: +44 7700 900 345, or dev@mistrybuild.example."),
    _iv("I24", "customer", ("Sian", "Roberts", "Customer, sole trader, Swansea"), (10, 16),
        "dk",
        "Sian Roberts, I'm a self-employed physiotherapist in Swansea. I opened a business "
        "account with Northbank last year.",
        "One list of documents up front, not ten emails.", "P5"),
)

_VERBATIMS = Verbatims(
    by_stage={
        "discover": {
            "pos": ("Great videos on budgeting, that's how I found you.",
                    "Clear rates on the website.",
                    "Friendly staff in the branch, good leaflets."),
            "mid": ("The adverts are fine but a bit pushy.",
                    "Too many emails about offers."),
            "neg": ("The switching bonus conditions are hidden in the small print.",
                    "Stop sending me pre-approved letters.",
                    "Misleading advert."),
        },
        "compare": {
            "pos": ("The eligibility checker was quick and didn't affect my credit score.",
                    "The lady in the branch explained everything clearly.",
                    "The mortgage adviser on video was excellent."),
            "mid": ("The comparison table is OK but not for joint accounts.",
                    "Took a while to find the right account."),
            "neg": ("Waited 25 minutes on the phone and gave up.",
                    "The chatbot is useless.",
                    "Couldn't get through to ask a simple question before applying."),
        },
        "apply": {
            "pos": ("Instant decision, very impressed.",
                    "Application took ten minutes, easy.",
                    "Quick and painless."),
            "mid": ("Long form but it worked in the end.",
                    "Had to wait for a video call to check my ID."),
            "neg": ("The selfie check failed again and again.",
                    "Asked for documents one at a time, so slow.",
                    "Had to post a gas bill, in this day and age."),
        },
        "setup": {
            "pos": ("Digital card in my phone the same day, brilliant.",
                    "The branch set up my app for me, very patient.",
                    "Switching was seamless."),
            "mid": ("Setup was OK but lots of letters.",
                    "A direct debit didn't move across, sorted eventually."),
            "neg": ("PIN arrived a week after the card.",
                    "Activation code for online banking never arrived.",
                    "Ten days without a usable card."),
        },
        "everyday": {
            "pos": ("Love the spending insights in the app.",
                    "The app is excellent, does everything I need.",
                    "Live chat is quick and helpful."),
            "mid": ("Online banking works but looks dated.",
                    "Fine for day to day."),
            "neg": ("Card declined at the till for no reason.",
                    "My card keeps getting blocked and nobody tells me why.",
                    "Branch only open three days a week now.",
                    "Every new payee means a call-back, slowing my business down."),
        },
        "help": {
            "pos": ("The fraud team were amazing and refunded me the next day.",
                    "The video call solved my problem in twenty minutes.",
                    "Helpful and kind staff."),
            "mid": ("Got there in the end but took several calls.",
                    "Complaint resolved, eventually."),
            "neg": ("Transferred three times, security questions every time.",
                    "Eight weeks to answer a complaint is ridiculous.",
                    "Secure message answered after six days.",
                    "Had to send the death certificate three times."),
        },
    },
    by_touchpoint={
        "TP36": {"neg": (
            "My card was blocked at the supermarket with no warning, absolutely humiliating.",
            "Third time this year a genuine payment was blocked. No alert, nothing.",
            "Card stopped abroad and I had to call for an hour to unblock it.",
            "Fraud checks block my normal shopping and I only find out at the till.",
        )},
        "TP47": {"pos": (
            "The fraud team called me back within the hour and refunded me the next day.",
            "After the scam, the fraud team were calm, kind and fast. Thank you Fiona's team!",
            "I got all my money back after a scam, can't fault them.",
            "Brilliant support from the fraud team when I needed it most.",
        )},
        "TP11": {"neg": (
            "Gave up after half an hour on hold before I could even apply.",
            "No way to get a simple answer by phone as a new customer.",
        )},
    },
    leads={
        "pos": ("Customer for fifteen years.", "First account with you and very impressed.",
                "Great experience overall.", "Switched last year, no regrets."),
        "mid": ("Mixed experience.", "New customer.", "It's fine, mostly."),
        "neg": ("Second time this has happened.", "Loyal customer but this is too much.",
                "Very poor experience.", "Really unhappy."),
    },
    tails={
        "pos": ("Would recommend.", "Thanks!", "Keep it up.", "Very happy."),
        "mid": ("Could be better.", "Overall OK."),
        "neg": ("Very disappointed.", "Not good enough.", "Considering switching.",
                "Sort it out."),
    },
    pii=("Please call me back on {phone}.", "Contact me at {email}.",
         "Still waiting for a reply, my number is {phone}.",
         "Email me at {email}, nobody has got back to me."),
    first_names=("sarah", "david", "emma", "michael", "laura", "chris", "rebecca", "paul",
                 "sophie", "andrew", "katie", "mark"),
    last_names=("smith", "jones", "taylor", "brown", "wilson", "evans", "thomas", "roberts",
                "johnson", "wright", "walker", "green"),
    phone="07700 900{c:03d}",
    email_domains=("mailbox.example", "inbox.example", "webmail.example"),
)

_JOURNEY = JourneyModel(
    n_customers=36_000, start=date(2025, 11, 1), days=365,
    skip_first={"P1": 0.40, "P2": 0.20, "P3": 0.25, "P4": 0.65, "P5": 0.45},
    dropout_stage="compare", dropout_channel="phone", abandon_high=0.45, abandon_low=0.13,
    visit={"setup": 0.92, "everyday": 0.95, "help": 0.32},
    repeat={"discover": 0.30, "compare": 0.40, "setup": 0.40, "everyday": 0.80,
            "help": 0.35},
    max_visits={"discover": 2, "compare": 2, "setup": 2, "everyday": 5, "help": 2},
    gap_hours={"discover": 40.0, "compare": 50.0, "apply": 24.0, "setup": 72.0,
               "everyday": 160.0, "help": 300.0},
    help_stage="help", value_median=1200.0, value_sigma=1.0,
    observed={"P4": {"digital": 1.6, "physical": 0.3, "human": 0.3}},
    always_open=("atm", "post"),
)

_SURVEY = SurveyModel(
    n={"W1": 2600, "W2": 2700},
    fieldwork={"W1": (date(2026, 3, 2), date(2026, 4, 30)),
               "W2": (date(2026, 9, 1), date(2026, 10, 31))},
    stage_mean={"discover": 4.0, "compare": 3.8, "apply": 3.7, "setup": 3.8,
                "everyday": 3.7, "help": 3.3},
    nps_weight={"discover": 0.15, "compare": 0.30, "apply": 0.35, "setup": 0.25,
                "everyday": 1.10, "help": 0.45},
    missing={"discover": 0.12, "compare": 0.10, "help": 0.40},
    quotas={"post": {"W1": 40, "W2": 41}, "chat": {"W1": 33, "W2": 21},
            "video": {"W1": 11, "W2": 6}},
    stable_channel="post",
    boost={"TP36": 9.0, "TP47": 6.0, "TP11": 2.0, "TP35": 2.5, "TP46": 2.0, "TP19": 1.5},
    quality={"enchantment": 0.9, "neutral": 0.0, "irritant": -0.8, "rupture": -1.2,
             "TP36": -2.6, "TP47": 1.8},
    nps_intercept=7.95, wave_uplift=0.08, sat_uplift=0.08,
)


def _k(kpi: str, first: float, last: float, noise: float, base: int, stage: str | None = None,
       channel: str | None = None, seasonal: float = 0.0, digits: int = 3) -> KpiSeries:
    return KpiSeries(kpi, first, last, noise, base, stage, channel, seasonal, digits)


_KPIS = (
    _k("conversion", 0.41, 0.44, 0.012, 21_000, stage="apply", seasonal=0.04),
    _k("conversion", 0.48, 0.52, 0.015, 12_000, stage="apply", channel="app"),
    _k("conversion", 0.36, 0.38, 0.015, 6_000, stage="apply", channel="website"),
    _k("conversion", 0.55, 0.53, 0.02, 2_500, stage="apply", channel="branch"),
    _k("retention", 0.91, 0.92, 0.004, 640_000),
    _k("churn", 0.075, 0.068, 0.003, 640_000),
    _k("first_response_time", 0.35, 0.30, 0.03, 95_000, stage="help", channel="phone",
       seasonal=0.10, digits=2),
    _k("first_response_time", 0.06, 0.05, 0.005, 30_000, stage="help", channel="chat"),
    _k("first_response_time", 110.0, 96.0, 6.0, 8_000, stage="help",
       channel="online_banking", digits=1),
    _k("first_response_time", 5.0, 3.5, 0.5, 2_200, channel="social", digits=1),
    _k("resolution_time", 60.0, 52.0, 3.0, 40_000, stage="help", seasonal=0.06, digits=1),
    _k("resolution_time", 620.0, 560.0, 30.0, 3_100, stage="help", channel="email",
       digits=0),
    _k("resolution_time", 30.0, 26.0, 2.5, 21_000, stage="help", channel="phone", digits=1),
    _k("resolution_time", 20.0, 22.0, 2.0, 9_500, stage="everyday", channel="app",
       digits=1),
)


def _a(aid: str, title: str, tp: str | None, impact: int, effort: int, owner: str,
       due: date, status: str) -> dict:
    return {"action_id": aid, "title": title, "touchpoint_id": tp, "impact": impact,
            "effort": effort, "owner_department": owner, "due_date": due, "status": status}


_ACTIONS = (
    _a("A01", "Notify every fraud block in the app with a 'this was me' button", "TP36", 5, 3,
       "fraud", date(2027, 3, 31), "in_progress"),
    _a("A02", "Open a dedicated queue and call-back option for prospects", "TP11", 4, 2,
       "contact_centre", date(2027, 1, 31), "todo"),
    _a("A03", "Fix the selfie and passport check, with a video fallback booked on the spot",
       "TP19", 5, 4, "account_ops", date(2027, 6, 30), "todo"),
    _a("A04", "Send card and PIN together, or show the PIN in the app", "TP27", 4, 3,
       "account_ops", date(2027, 4, 30), "todo"),
    _a("A05", "Replace the online banking activation letter with an in-app code", "TP29", 3,
       2, "digital", date(2027, 2, 28), "in_progress"),
    _a("A06", "One named case owner for every complaint", "TP51", 4, 3, "complaints",
       date(2027, 5, 31), "todo"),
    _a("A07", "Single bereavement service: one contact, certificates asked once", "TP53", 4,
       3, "account_ops", date(2027, 3, 31), "todo"),
    _a("A08", "Show the switching bonus conditions in the advert itself", "TP02", 2, 1,
       "marketing", date(2026, 12, 15), "done"),
    _a("A09", "Extend fraud call-back hours to weekends", "TP47", 3, 3, "fraud",
       date(2027, 2, 28), "todo"),
    _a("A10", "Give branches a view of the complaints they log", "TP50", 3, 2, "complaints",
       date(2027, 1, 31), "in_progress"),
    _a("A11", "Interview the account opening operations team in wave 3", None, 3, 1,
       "account_ops", date(2027, 1, 31), "todo"),
)

SPEC = ClientSpec(
    slug="demo-en",
    config=_CONFIG,
    files=_FILES,
    style=_STYLE,
    personas=_PERSONAS,
    touchpoints=_TOUCHPOINTS,
    code_parents={
        "stage": ("stage", "Journey stages", "#1f77b4"),
        "channel": ("channel", "Channels", "#2ca02c"),
        "valence": ("valence", "Valence", "#8c564b"),
        "emotion": ("emotion", "Emotions", "#9467bd"),
        "theme": ("theme", "Themes", "#17becf"),
    },
    code_prefixes={"stage": "st_", "channel": "ch_"},
    emotions=(
        ("em_joy", "Joy", "#f1ce63"), ("em_trust", "Trust", "#8cd17d"),
        ("em_surprise", "Surprise", "#86bcb6"), ("em_relief", "Relief", "#a0cbe8"),
        ("em_frustration", "Frustration", "#ff9d9a"), ("em_anger", "Anger", "#e15759"),
        ("em_anxiety", "Anxiety", "#d4a6c8"), ("em_weariness", "Weariness", "#bab0ac"),
    ),
    themes=(
        ("th_waiting", "Waiting and delays", "#f28e2b"),
        ("th_information", "Information and updates", "#4e79a7"),
        ("th_fees", "Fees and conditions", "#edc948"),
        ("th_security", "Security and fraud", "#e15759"),
        ("th_advice", "Advice and human contact", "#76b7b2"),
        ("th_access", "Access and opening hours", "#ff9da7"),
        ("th_digital", "Digital tools", "#9c755f"),
        ("th_handoffs", "Handoffs between teams", "#b07aa1"),
        ("th_recognition", "Loyalty and recognition", "#59a14f"),
        ("th_paperwork", "Paperwork and proof", "#499894"),
    ),
    valences={
        "enchantment": ("va_enchantment", "Enchantment", "#2ca02c"),
        "neutral": ("va_neutral", "Neutral", "#7f7f7f"),
        "irritant": ("va_irritant", "Irritant", "#ff7f0e"),
        "rupture": ("va_rupture", "Break", "#d62728"),
    },
    code_descriptions={
        "parent": "Groups the {kind} codes.",
        "stage": "Passage about the stage '{label}'.",
        "channel": "Passage about the channel '{label}'.",
        "valence": "The passage describes an experience of type {label}.",
        "emotion": "Emotion expressed or described: {label}.",
        "theme": "Topic: {label}.",
    },
    coders={"ro": "Rachel Owens", "dk": "David Khan"},
    second_coder="dk",
    interviews=_INTERVIEWS,
    facts=_FACTS,
    wording=_WORDING,
    verbatims=_VERBATIMS,
    journey=_JOURNEY,
    survey=_SURVEY,
    kpis=_KPIS,
    kpi_months=(date(2025, 5, 1), 18),
    actions=_ACTIONS,
    enum_labels={},
    truths=TRUTHS,
    previous=PreviousWave(
        wave="W1", file="touchpoints_wave1.xlsx", added=("TP28",),
        removed=(Touchpoint("TP56", "everyday", "post", "Cheque book ordering by post",
                            "A paper form mailed back to order a new cheque book.",
                            "neutral", "branches"),),
        ratings={"TP20": "irritant", "TP36": "neutral"}),
)
