"""Journey-mapping workshop notes of the demo clients, as consultants write them.

Per persona and stage: what the customer does, asks and wants.

Most stages share one note across personas; the store-first persona (truth 3) and the
app-first one have their own, so that the declared journey on the map can be set against
the channels the event log shows.
"""

from __future__ import annotations

__all__ = ["WORKSHOP"]

_Note = tuple[str, str, str]  # actions, questions, motivations

_FR_STAGES: dict[str, _Note] = {
    "inspiration": ("Feuillette, enregistre des idées, montre des photos à ses proches.",
                    "Qu'est-ce qui irait dans ma pièce ?",
                    "Se projeter, trouver un style sans se tromper."),
    "choix": ("Compare les modèles, les prix, les dimensions et le stock.",
              "Est-ce que ça rentre, et est-ce disponible près de chez moi ?",
              "Être sûr de son choix avant de dépenser."),
    "achat": ("Passe commande, choisit la livraison ou le retrait, paie.",
              "Combien coûte vraiment la livraison ?",
              "Payer sans mauvaise surprise."),
    "livraison": ("Attend le créneau, suit la commande, réceptionne ou retire.",
                  "Quand exactement vais-je être livré ?",
                  "Ne pas poser une journée pour rien."),
    "installation": ("Monte, installe, entretient ses achats.",
                     "Comment monter ça sans y passer le week-end ?",
                     "Profiter vite de son achat."),
    "sav": ("Signale un problème, rend ou échange un article.",
            "Qui va s'occuper de mon problème, et quand ?",
            "Être pris au sérieux et rappelé."),
}
_FR_OWN: dict[tuple[str, str], _Note] = {
    ("P4", "inspiration"): ("Vient en magasin chaque semaine et feuillette le catalogue papier.",
                            "Quelles sont les nouveautés de la saison ?",
                            "Le plaisir de flâner et de toucher les produits."),
    ("P4", "choix"): ("Demande conseil au vendeur qu'elle connaît.",
                      "Est-ce solide, et est-ce que ça ira avec mon salon ?",
                      "Être conseillée par quelqu'un de confiance."),
    ("P4", "achat"): ("Paie en caisse, parfois par chèque.",
                      "Peut-on me livrer et me le monter ?",
                      "Payer comme elle en a l'habitude."),
    ("P4", "livraison"): ("Attend l'appel du transporteur, à la maison toute la journée.",
                          "Le livreur montera-t-il jusqu'à l'étage ?",
                          "Ne pas porter de charges lourdes."),
    ("P4", "installation"): ("Fait appel à un proche pour le montage.",
                             "Le magasin propose-t-il le montage ?",
                             "Ne pas dépendre des autres."),
    ("P4", "sav"): ("Revient en magasin avec son ticket.",
                    "À qui m'adresser en magasin ?",
                    "Parler à quelqu'un en face."),
    ("P1", "choix"): ("Compare dans l'appli entre deux réunions, enregistre une liste d'envies.",
                      "Est-ce en stock pour un retrait ce soir ?",
                      "Ne pas perdre de temps."),
    ("P1", "livraison"): ("Choisit le retrait en 2 heures ou un créneau du soir.",
                          "Puis-je suivre le livreur en temps réel ?",
                          "Que la livraison s'adapte à son agenda."),
}

_EN_STAGES: dict[str, _Note] = {
    "discover": ("Notices adverts and offers, asks friends, reads reviews.",
                 "Which bank would actually suit me?", "Better rates, less hassle."),
    "compare": ("Compares accounts, fees and eligibility.",
                "Will I be accepted, and what will it cost me?",
                "Not wasting time on an application that fails."),
    "apply": ("Fills in the application and proves identity and address.",
              "What documents do they need, and how long will it take?",
              "Getting an answer quickly."),
    "setup": ("Receives the card and PIN, registers for online banking, moves payments.",
              "When can I start using the account?", "Having everything working at once."),
    "everyday": ("Pays, checks the balance, moves money, adds payees.",
                 "Why was my payment declined?", "Money that just works."),
    "help": ("Reports a problem, complains, asks for a refund.",
             "Who will sort this out, and when?", "Being listened to and kept informed."),
}
_EN_OWN: dict[tuple[str, str], _Note] = {
    ("P4", "discover"): ("Picks up leaflets in her branch and reads the letters the bank sends.",
                         "Is there anything new I should know about?",
                         "Hearing it from people she trusts."),
    ("P4", "compare"): ("Talks options through at the counter with a colleague she knows.",
                        "Is my money safe, and can I still come to the branch?",
                        "Face-to-face reassurance."),
    ("P4", "apply"): ("Brings her paperwork to the branch.",
                      "Can someone fill this in with me?", "Not making a mistake."),
    ("P4", "setup"): ("Waits for the card and PIN by post.",
                      "When will the letters arrive?", "Keeping paper records."),
    ("P4", "everyday"): ("Withdraws cash at the counter and reads paper statements.",
                         "Has my pension been paid in?", "Seeing where her money goes."),
    ("P4", "help"): ("Goes to the branch or phones.", "Can I speak to someone I know?",
                     "A person, not a machine."),
    ("P1", "everyday"): ("Pays by phone, checks spending insights in the app.",
                         "Why was my card blocked while I was paying?",
                         "Instant, invisible banking."),
}

#: ``{slug: (notes per stage, notes of a persona at a stage)}``.
WORKSHOP: dict[str, tuple[dict[str, _Note], dict[tuple[str, str], _Note]]] = {
    "demo-fr": (_FR_STAGES, _FR_OWN),
    "demo-en": (_EN_STAGES, _EN_OWN),
}
