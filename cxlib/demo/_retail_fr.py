"""demo-fr: Maison Lumière, an invented French omnichannel home-goods retailer.

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
    "client": "Maison Lumière",
    "detractor_driver_touchpoint": "TP37",
    "detractor_driver_stage": "livraison",
    "dropout_channel": "appli",
    "dropout_stage": "choix",
    "dropout_touchpoint": "TP11",
    "store_first_persona": "P4",
    "store_channel": "magasin",
    "uninterviewed_department": "logistique",
    "unevidenced_touchpoint": "TP44",
    "nps_stable_channel": "catalogue",
    "low_base_channel": "chat",
    "suppressed_channel": "borne",
    "enchantment_moment_of_truth": "TP19",
    "missing_touchpoint_cell": ("livraison", "reseaux"),
    "no_consent_interview": "I17",
    "waves": ("W1", "W2"),
    "wave_added_touchpoint": "TP33",
    "wave_removed_touchpoint": "TP56",
    "wave_resolved_irritant": "TP25",
    "wave_new_irritant": "TP37",
    "coders": ("am", "jb"),
}

_CONFIG: dict = {
    "client": "Maison Lumière",
    "language": "fr",
    "wave": "W2",
    "waves": [
        {"id": "W1", "label": "Vague 1 - printemps 2026", "date": date(2026, 4, 30)},
        {"id": "W2", "label": "Vague 2 - automne 2026", "date": date(2026, 10, 31)},
    ],
    "stages": [
        {"id": "inspiration", "label": "Je cherche des idées pour ma maison", "macro": "before"},
        {"id": "choix", "label": "Je compare et je choisis mes articles", "macro": "before"},
        {"id": "achat", "label": "Je passe commande", "macro": "during"},
        {"id": "livraison", "label": "Je reçois ma commande", "macro": "after"},
        {"id": "installation", "label": "J'installe et j'utilise mes achats", "macro": "after"},
        {"id": "sav", "label": "J'ai besoin d'aide après l'achat", "macro": "after"},
    ],
    "channels": [
        {"id": "site", "label": "Site web", "kind": "digital"},
        {"id": "appli", "label": "Application mobile", "kind": "digital"},
        {"id": "reseaux", "label": "Réseaux sociaux", "kind": "digital"},
        {"id": "email", "label": "E-mail et newsletter", "kind": "digital"},
        {"id": "magasin", "label": "Magasin", "kind": "physical"},
        {"id": "catalogue", "label": "Catalogue papier", "kind": "physical"},
        {"id": "borne", "label": "Borne en magasin", "kind": "physical"},
        {"id": "vendeur", "label": "Conseiller de vente", "kind": "human"},
        {"id": "service_client", "label": "Service client téléphone", "kind": "human"},
        {"id": "chat", "label": "Chat en ligne", "kind": "human"},
    ],
    "departments": [
        {"id": "ecommerce", "label": "E-commerce et digital"},
        {"id": "magasins", "label": "Réseau magasins"},
        {"id": "logistique", "label": "Logistique et transport"},
        {"id": "relation_client", "label": "Relation client"},
        {"id": "sav", "label": "Service après-vente"},
        {"id": "marketing", "label": "Marketing et communication"},
        {"id": "adv", "label": "Administration des ventes"},
    ],
    "targets": {
        "nps": 30, "csat": 0.85, "ces": 5.5, "conversion": 0.035, "retention": 0.82,
        "churn": 0.15, "first_response_time": 24, "resolution_time": 72,
    },
    "scales": {
        "nps": {"min": 0, "max": 10, "top": 9},
        "csat": {"min": 1, "max": 5, "top": 4},
        "ces": {"min": 1, "max": 7, "top": 5},
    },
    "min_base": {"flag": 30, "suppress": 10},
    "brand": {"primary": "#8c3b2a", "secondary": "#d9a441"},
}

_FILES = {
    "personas": "personas.xlsx",
    "persona_channels": "appetence_canaux.xlsx",
    "persona_stages": "ateliers_parcours.xlsx",
    "touchpoints": "points_de_contact.xlsx",
    "interviews": "entretiens.xlsx",
    "codebook": "grille_de_codage.xlsx",
    "codings": "codages.csv",
    "survey": "export_enquete_satisfaction.csv",
    "events": "evenements_parcours.parquet",
    "kpis": "kpis_mensuels.csv",
    "actions": "plan_actions.xlsx",
}

_STYLE = FileStyle(
    separator=";", encoding="utf-8-sig", survey_encoding="cp1252", date_format="%d/%m/%Y",
    datetime_format="%d/%m/%Y %H:%M:%S", decimal_comma=True, line_terminator="\r\n",
    yes="oui", no="non", data_sheet="Données",
    instructions=(
        "Maison Lumière - diagnostic parcours client",
        "Export préparé pour l'atelier de restitution. Ne pas modifier les en-têtes.",
        "Une ligne par enregistrement ; les données sont dans l'onglet Données.",
        "Contact : équipe projet CX (am / jb).",
    ),
)


def _p(pid: str, name: str, text: tuple[str, ...], share: float,
       appetence: tuple[int, ...]) -> Persona:
    channels = [c["id"] for c in _CONFIG["channels"]]
    return Persona(pid, name, *text, share=share,
                   appetence=dict(zip(channels, appetence, strict=True)))


_PERSONAS = (
    _p("P1", "Camille, la connectée pressée", (
        "32 ans, cadre en ville ; achète surtout sur l'appli entre deux réunions, se fait "
        "livrer ou retire en magasin.",
        "Si je ne trouve pas en trois clics, je passe à autre chose.",
        "Gagner du temps, être livrée vite, suivre sa commande sans appeler.",
        "Est-ce en stock près de chez moi ? Quand vais-je être livrée ?",
        "Les applis qui plantent, les créneaux de livraison flous, devoir appeler.",
        "moyenne", "rapide, sur avis clients"), 0.28, (3, 3, 2, 2, 1, 0, 1, 1, 1, 2)),
    _p("P2", "Léa et Thomas, le jeune couple qui s'installe", (
        "27 et 29 ans, premier appartement, budget serré ; comparent longuement en ligne et "
        "sur les réseaux avant d'acheter.",
        "On veut que ce soit joli, mais on n'a pas le droit de se tromper.",
        "Meubler l'appartement à petit prix, payer en plusieurs fois.",
        "Le paiement en trois fois est-il possible ? Le canapé passera-t-il dans l'escalier ?",
        "Les frais de livraison découverts à la fin, les refus de paiement fractionné.",
        "faible", "comparatif, longue réflexion"), 0.22, (3, 2, 3, 1, 2, 1, 1, 2, 1, 2)),
    _p("P3", "Nathalie, la passionnée de déco", (
        "47 ans, suit les tendances sur Instagram, change sa déco à chaque saison ; carte "
        "de fidélité Lumière+ depuis dix ans.",
        "Je viens chercher des idées autant que des objets.",
        "Trouver l'inspiration, des conseils d'associations, être reconnue comme fidèle.",
        "Quelles sont les nouveautés ? Quelle couleur avec mon canapé ?",
        "Les ruptures de stock sur les nouveautés, le manque de vendeurs le samedi.",
        "élevée", "coup de cœur, guidé par le conseil"), 0.20, (2, 2, 3, 3, 3, 2, 1, 3, 1, 1)),
    _p("P4", "Monique, l'habituée du magasin", (
        "68 ans, retraitée ; vient en magasin chaque semaine, feuillette le catalogue "
        "papier et aime être conseillée par un vendeur.",
        "Je veux toucher les tissus et parler à quelqu'un.",
        "Être conseillée, prendre son temps, être livrée et aidée pour le montage.",
        "Pouvez-vous me le livrer et me le monter ? À qui m'adresser en cas de souci ?",
        "Les files d'attente, les articles du catalogue introuvables, les musiques d'attente.",
        "moyenne", "réfléchi, après conseil en magasin"), 0.18, (1, 0, 0, 1, 3, 3, 1, 3, 2, 0)),
    _p("P5", "Karim, l'aménageur exigeant", (
        "41 ans, architecte d'intérieur indépendant et gestionnaire de locations meublées ; "
        "commande en volume, avec des délais serrés.",
        "Un meuble livré en retard, c'est une location perdue.",
        "Des délais fiables, un interlocuteur unique, des factures claires.",
        "Pouvez-vous garantir la date de livraison ? Y a-t-il un tarif professionnel ?",
        "Les rendez-vous de livraison manqués, les pièces manquantes, les dossiers sans suivi.",
        "élevée", "rationnel, sur délais et prix"), 0.12, (3, 1, 1, 2, 2, 0, 1, 2, 3, 1)),
)

_E, _N, _I, _R = "enchantment", "neutral", "irritant", "rupture"


def _tp(tid: str, stage: str, channel: str, name: str, description: str, valence: str,
        owner: str, mot: bool = False, persona: str | None = None) -> Touchpoint:
    return Touchpoint(tid, stage, channel, name, description, valence, owner, mot, persona)


_TOUCHPOINTS = (
    _tp("TP01", "inspiration", "site", "Pages idées et inspirations",
        "Ambiances par pièce, guides déco et looks complets à acheter.", _E, "marketing"),
    _tp("TP02", "inspiration", "appli", "Fil d'inspiration personnalisé",
        "Suggestions de l'appli selon les articles consultés.", _N, "ecommerce"),
    _tp("TP03", "inspiration", "reseaux", "Publications Instagram et Pinterest",
        "Photos d'ambiance et collaborations avec des créatrices.", _E, "marketing"),
    _tp("TP04", "inspiration", "reseaux", "Publicités ciblées sur les réseaux",
        "Reciblage d'articles déjà vus, parfois déjà achetés.", _I, "marketing"),
    _tp("TP05", "inspiration", "email", "Newsletter hebdomadaire",
        "Nouveautés et promotions, envoyée chaque jeudi à tous les inscrits.", _N, "marketing"),
    _tp("TP06", "inspiration", "email", "Offre anniversaire du programme de fidélité",
        "Bon d'achat de 15 euros envoyé le mois de l'anniversaire.", _E, "marketing"),
    _tp("TP07", "inspiration", "magasin", "Vitrines et pièces mises en scène",
        "Chambre, salon et table dressés à l'entrée du magasin.", _E, "magasins", True),
    _tp("TP08", "inspiration", "catalogue", "Catalogue saisonnier",
        "Catalogue papier printemps-été et automne-hiver, envoyé aux porteurs de carte.", _E,
        "marketing", persona="P4"),
    _tp("TP09", "choix", "site", "Fiche produit",
        "Photos, dimensions, matières et avis clients.", _N, "ecommerce"),
    _tp("TP10", "choix", "site", "Stock affiché par magasin",
        "Disponibilité par magasin, mise à jour une fois par nuit.", _I, "ecommerce", True),
    _tp("TP11", "choix", "appli", "Comparateur et liste d'envies de l'appli",
        "Comparaison d'articles et liste d'envies ; non synchronisées avec le site, "
        "fermetures inattendues.", _R, "ecommerce", True),
    _tp("TP12", "choix", "appli", "Scan d'étiquette avec l'appli",
        "Scanner une étiquette en rayon pour voir avis et coloris.", _E, "ecommerce"),
    _tp("TP13", "choix", "reseaux", "Réponses aux questions en commentaires",
        "Le community manager répond sous les publications.", _N, "marketing"),
    _tp("TP14", "choix", "email", "Relance de panier abandonné",
        "E-mail envoyé 24 heures après un panier abandonné sur le site.", _N, "ecommerce"),
    _tp("TP15", "choix", "magasin", "Parcours en rayon et signalétique",
        "Implantation par univers, étiquettes de prix.", _N, "magasins"),
    _tp("TP16", "choix", "magasin", "Nuancier et échantillons de tissus",
        "Échantillons à emporter pour les rideaux et les canapés.", _E, "magasins"),
    _tp("TP17", "choix", "catalogue", "Références du catalogue introuvables en ligne",
        "Les codes du catalogue ne correspondent pas aux références du site.", _I,
        "ecommerce", persona="P4"),
    _tp("TP18", "choix", "borne", "Borne de consultation de la gamme",
        "Toute la gamme consultable en magasin, y compris hors rayon.", _N, "magasins"),
    _tp("TP19", "choix", "vendeur", "Conseil personnalisé du vendeur",
        "Conseils sur les matières, les dimensions et les associations de couleurs.", _E,
        "magasins", True),
    _tp("TP20", "choix", "service_client", "Questions produit par téléphone",
        "Dimensions, entretien, matières : attente longue pour une question simple.", _I,
        "relation_client"),
    _tp("TP21", "choix", "chat", "Chat conseil produit",
        "Questions sur un produit, réponses en journée.", _N, "relation_client"),
    _tp("TP22", "achat", "site", "Tunnel de commande",
        "Panier, choix de livraison, paiement.", _N, "ecommerce"),
    _tp("TP23", "achat", "site", "Frais de livraison affichés en fin de commande",
        "Les frais n'apparaissent qu'à la dernière étape.", _I, "ecommerce"),
    _tp("TP24", "achat", "site", "Paiement en trois fois sans frais",
        "Paiement fractionné, refusé sans explication dans un cas sur cinq.", _I, "adv"),
    _tp("TP25", "achat", "appli", "Paiement express dans l'appli",
        "Carte enregistrée, commande en deux clics.", _E, "ecommerce"),
    _tp("TP26", "achat", "email", "Confirmation de commande",
        "E-mail récapitulatif avec délai estimé.", _N, "adv"),
    _tp("TP27", "achat", "magasin", "Passage en caisse",
        "Files d'attente le samedi, deux caisses ouvertes.", _I, "magasins"),
    _tp("TP28", "achat", "catalogue", "Bon de commande papier",
        "Bon de commande détachable du catalogue, renvoyé par courrier.", _N, "adv",
        persona="P4"),
    _tp("TP29", "achat", "borne", "Commande sur borne en magasin",
        "Commander un article absent du rayon, payer en caisse.", _N, "magasins"),
    _tp("TP30", "achat", "vendeur", "Commande assistée sur tablette",
        "Le vendeur passe la commande avec le client sur sa tablette.", _E, "magasins"),
    _tp("TP31", "achat", "service_client", "Commande par téléphone",
        "Commande passée avec une conseillère, relue au client.", _N, "relation_client"),
    _tp("TP32", "livraison", "site", "Suivi de commande en ligne",
        "Trois statuts seulement, peu précis.", _N, "ecommerce"),
    _tp("TP33", "livraison", "appli", "Suivi du livreur en temps réel",
        "Position du livreur sur une carte le jour de la livraison des petits colis.", _E,
        "logistique"),
    _tp("TP34", "livraison", "email", "Notifications d'expédition",
        "E-mail et SMS à l'expédition.", _N, "logistique"),
    _tp("TP35", "livraison", "magasin", "Retrait en magasin en 2 heures",
        "Commande prête en deux heures au comptoir retrait.", _E, "magasins", True),
    _tp("TP36", "livraison", "magasin", "Retrait des meubles au dépôt",
        "Retrait au quai du dépôt, attente et chargement par le client.", _I, "logistique"),
    _tp("TP37", "livraison", "service_client", "Prise de rendez-vous de livraison",
        "Le transporteur appelle pour fixer un créneau de 8 h à 18 h ; rendez-vous manqués "
        "et reports.", _I, "logistique", True),
    _tp("TP38", "livraison", "chat", "Réclamation de retard par chat",
        "Le client demande où en est sa livraison ; réponses types.", _I, "relation_client"),
    _tp("TP39", "installation", "site", "Notices et vidéos de montage",
        "Tutoriels vidéo par produit, notices téléchargeables.", _E, "ecommerce"),
    _tp("TP40", "installation", "appli", "Enregistrement de la garantie dans l'appli",
        "Enregistrer son achat pour activer la garantie.", _N, "ecommerce"),
    _tp("TP41", "installation", "reseaux", "Photos clients partagées",
        "Les clients partagent leur intérieur ; la marque repartage.", _E, "marketing"),
    _tp("TP42", "installation", "email", "Conseils d'entretien après achat",
        "E-mail sept jours après l'achat avec des conseils d'entretien.", _N, "marketing"),
    _tp("TP43", "installation", "magasin", "Ateliers déco du samedi",
        "Ateliers gratuits le samedi matin, sur inscription.", _E, "magasins"),
    _tp("TP44", "installation", "vendeur", "Visite conseil déco à domicile",
        "Un conseiller se déplace pour aider à aménager la pièce.", _E, "magasins"),
    _tp("TP45", "installation", "service_client", "Aide au montage par téléphone",
        "Pièces manquantes, notices incomprises ; envoi de pièces sous dix jours.", _I, "sav"),
    _tp("TP46", "installation", "chat", "Questions de montage par chat",
        "Aide au montage par écrit, photos à l'appui.", _N, "sav"),
    _tp("TP47", "sav", "site", "Retour en ligne et remboursement",
        "Étiquette retour, remboursement sous trois semaines.", _I, "adv", True),
    _tp("TP48", "sav", "appli", "Suivi du dossier SAV dans l'appli",
        "Statut figé sur « en cours », aucune notification.", _R, "sav"),
    _tp("TP49", "sav", "reseaux", "Réclamations publiques sur les réseaux",
        "Réponse du community manager, bascule en message privé.", _N, "marketing"),
    _tp("TP50", "sav", "email", "Réponse aux demandes par e-mail",
        "Formulaire de contact, réponse sous cinq jours ouvrés au mieux.", _I,
        "relation_client"),
    _tp("TP51", "sav", "magasin", "Échange immédiat en magasin",
        "Échange sur-le-champ avec le ticket de caisse.", _E, "magasins", True),
    _tp("TP52", "sav", "vendeur", "Ouverture d'un dossier SAV en magasin",
        "Le vendeur ouvre le dossier d'un article défectueux.", _N, "sav"),
    _tp("TP53", "sav", "service_client", "Service client téléphonique",
        "Numéro unique, attente moyenne de douze minutes.", _I, "relation_client"),
    _tp("TP54", "sav", "service_client", "Rappel promis jamais effectué",
        "Rappel sous 48 heures promis ; le dossier passe au SAV et n'est plus suivi.", _R,
        "sav"),
    _tp("TP55", "sav", "chat", "Chat SAV",
        "Conseiller en direct de 9 h à 19 h, bon de retour envoyé dans la conversation.", _E,
        "sav"),
)

_EMP = ("relation_client", "sav", "magasins", "adv")

_FACTS = (
    Fact("TP37", "em_colere", "th_delais", employee=(
        "Le sujet numéro un au téléphone, c'est la prise de rendez-vous de livraison : le "
        "transporteur propose un créneau de 8 h à 18 h, et le client pose une journée de "
        "congé pour rien.",
        "On reçoit énormément d'appels de clients furieux parce que le livreur n'est pas "
        "venu au créneau fixé, et nous, on n'a aucune visibilité sur le planning du "
        "transporteur.",
        "Quand la livraison d'un meuble est ratée, le client doit rappeler pour reprendre "
        "rendez-vous, et il peut encore se passer dix jours.",
    ), customer=(
        "Pour le canapé, on m'a appelée pour fixer le rendez-vous de livraison : créneau de "
        "8 h à 18 h, j'ai posé ma journée, et personne n'est venu.",
        "Le pire, c'est la prise de rendez-vous de livraison : j'ai dû rappeler trois fois "
        "pour avoir un créneau, et à chaque fois il fallait tout réexpliquer.",
        "J'ai attendu le livreur toute la journée, il a appelé à 17 h 45 pour dire qu'il ne "
        "passerait pas. Là, franchement, j'ai failli tout annuler.",
    ), departments=_EMP),
    Fact(None, "em_lassitude", "th_coordination", stage="livraison", valence=_I, employee=(
        "La logistique, on ne les voit jamais : quand un client appelle pour un retard, on "
        "envoie un mail au transporteur et on attend.",
        "Entre le magasin et l'entrepôt, l'information passe mal ; on apprend souvent le "
        "retard d'une livraison par le client lui-même.",
    ), departments=_EMP),
    Fact("TP19", "em_confiance", "th_conseil", employee=(
        "Ce que les clients viennent chercher chez nous, c'est le conseil : aider à choisir "
        "une couleur de rideau, vérifier une dimension, associer deux matières.",
        "Quand un vendeur prend dix minutes pour accompagner un client sur son projet, la "
        "vente se fait presque toujours, et le client revient.",
        "Nos vendeuses connaissent les tissus par cœur ; c'est notre vraie différence face "
        "aux sites en ligne.",
    ), customer=(
        "La vendeuse m'a vraiment aidée à choisir : elle m'a fait toucher les tissus et elle "
        "a pris le temps de regarder les photos de mon salon.",
        "Le conseil en magasin, c'est ce qui fait que je reste fidèle à Maison Lumière ; on "
        "ne se sent jamais pressé.",
        "Le vendeur m'a déconseillé le modèle le plus cher parce qu'il n'allait pas dans ma "
        "pièce. Ça, ça m'a donné confiance.",
    ), departments=("magasins", "marketing"), personas=("P2", "P3", "P4", "P5")),
    Fact("TP11", "em_frustration", "th_outils", employee=(
        "On sait que l'appli pose problème au moment du choix : la liste d'envies ne se "
        "synchronise pas avec le site, et le comparateur plante dès qu'on ajoute plus de "
        "trois articles.",
        "Dans nos statistiques, beaucoup de sessions sur l'appli s'arrêtent net sur le "
        "comparateur ; c'est notre plus gros point de fuite avant l'achat.",
    ), customer=(
        "J'avais préparé ma liste d'envies dans l'appli, et le soir, sur l'ordinateur, elle "
        "était vide. J'ai laissé tomber.",
        "Le comparateur de l'appli s'est fermé deux fois pendant que je comparais des "
        "lampes ; j'ai fini par acheter ailleurs.",
        "Sur l'appli, on avait comparé deux canapés, elle a planté et on a perdu notre "
        "sélection. On est allés voir la concurrence.",
    ), departments=("ecommerce", "relation_client"), personas=("P1", "P2", "P5")),
    Fact("TP10", "em_frustration", "th_stock", employee=(
        "Le site affiche un article en stock dans le magasin alors qu'il n'y en a plus "
        "depuis deux jours ; le client se déplace et c'est sur nous que ça tombe.",
        "Le stock en ligne est mis à jour une fois par nuit, donc le samedi après-midi il "
        "est faux une fois sur deux.",
    ), customer=(
        "Le site indiquait trois exemplaires en stock à Villeneuve-d'Ascq ; sur place, plus "
        "rien. Quarante minutes de route pour rien.",
        "Je ne fais plus confiance au stock affiché sur le site, j'appelle le magasin avant "
        "de me déplacer.",
    ), departments=("magasins", "ecommerce", "relation_client"),
        personas=("P1", "P2", "P3", "P5")),
    Fact("TP35", "em_joie", "th_delais", employee=(
        "Le retrait en deux heures marche très bien : le client commande pendant sa pause "
        "déjeuner et passe le chercher en sortant du travail.",
    ), customer=(
        "J'ai commandé à midi, à 14 h j'avais le SMS, et le soir je récupérais mes coussins "
        "au comptoir. Impeccable.",
        "Le retrait en magasin, c'est ce que je préfère : pas de livreur à attendre, c'est "
        "prêt en deux heures.",
    ), departments=("magasins", "ecommerce"), personas=("P1", "P2", "P5")),
    Fact("TP33", "em_soulagement", "th_information", employee=(
        "Pour les petits colis, le suivi du livreur en temps réel dans l'appli a fait "
        "chuter les appels du type « où est mon colis ».",
    ), customer=(
        "Pour les petits colis, j'aime bien suivre le livreur sur la carte dans l'appli : "
        "je sais exactement quand descendre.",
    ), departments=("ecommerce",), personas=("P1", "P5")),
    Fact("TP27", "em_lassitude", "th_delais", employee=(
        "Le samedi, on a parfois vingt minutes d'attente en caisse avec deux caisses "
        "ouvertes ; des clients posent leurs articles et repartent.",
    ), customer=(
        "Le samedi, la queue en caisse est interminable ; la dernière fois, j'ai laissé mon "
        "panier et je suis partie.",
    ), departments=("magasins",), personas=("P2", "P3", "P4")),
    Fact("TP23", "em_surprise", "th_prix", employee=(
        "Les frais de livraison n'apparaissent qu'à la dernière étape de la commande, et "
        "c'est là qu'on perd beaucoup de paniers.",
    ), customer=(
        "Les frais de livraison, on les découvre à la toute fin : 49 euros pour un meuble, "
        "ça refroidit.",
    ), departments=("ecommerce", "relation_client"), personas=("P1", "P2", "P5")),
    Fact("TP24", "em_frustration", "th_prix", employee=(
        "Le paiement en trois fois est refusé sans explication dans un cas sur cinq, et "
        "l'organisme de crédit ne nous dit pas pourquoi.",
    ), customer=(
        "Notre paiement en trois fois a été refusé, sans aucun motif, alors qu'on est tous "
        "les deux en CDI. On l'a trouvé vexant.",
    ), departments=("adv", "relation_client"), personas=("P2",)),
    Fact("TP25", "em_joie", "th_outils", employee=(
        "Le paiement express dans l'appli, c'est notre meilleure conversion : les clients "
        "fidèles commandent en moins d'une minute.",
    ), customer=(
        "Le paiement dans l'appli est ultra rapide : ma carte est enregistrée, deux clics "
        "et c'est fait.",
    ), departments=("ecommerce",), personas=("P1",)),
    Fact("TP30", "em_confiance", "th_conseil", employee=(
        "Avec la tablette, on commande avec le client un article qui n'est pas en rayon ; "
        "il repart avec la confirmation et la date de livraison.",
    ), customer=(
        "Le vendeur a commandé pour moi sur sa tablette la couleur qui manquait, et j'ai "
        "reçu la confirmation tout de suite.",
    ), departments=("magasins", "adv"), personas=("P3", "P4", "P5")),
    Fact("TP47", "em_inquietude", "th_delais", employee=(
        "Le remboursement d'un retour en ligne prend jusqu'à trois semaines, le temps que "
        "l'entrepôt réceptionne et contrôle le colis.",
    ), customer=(
        "J'ai renvoyé un plaid début mars et j'ai été remboursée fin mars, après deux "
        "relances. On se sent un peu pris en otage.",
    ), departments=("adv", "relation_client", "sav"), personas=("P1", "P2")),
    Fact("TP51", "em_soulagement", "th_conseil", employee=(
        "En magasin, l'échange est immédiat avec le ticket : c'est souvent là qu'on "
        "récupère un client mécontent.",
    ), customer=(
        "Au magasin, ils m'ont échangé la housse abîmée sur-le-champ, sans discuter. Ça m'a "
        "réconciliée avec la marque.",
    ), departments=("magasins", "sav"), personas=("P2", "P3", "P4")),
    Fact("TP53", "em_lassitude", "th_delais", employee=(
        "Aux heures de pointe, l'attente au téléphone dépasse quinze minutes, et un tiers "
        "des appels sont des relances.",
    ), customer=(
        "Au service client, j'ai attendu vingt minutes avec la musique d'attente avant de "
        "tomber sur quelqu'un.",
    ), departments=("relation_client", "sav"), personas=("P3", "P4", "P5")),
    Fact("TP54", "em_colere", "th_coordination", employee=(
        "On promet un rappel sous 48 heures, mais quand le dossier part au SAV, plus "
        "personne ne le suit ; le client rappelle, furieux.",
    ), customer=(
        "On m'a promis de me rappeler, trois fois. Personne ne m'a jamais rappelé. À ce "
        "moment-là, pour moi, c'était fini.",
    ), departments=("relation_client", "sav"), personas=("P3", "P4", "P5")),
    Fact("TP48", "em_frustration", "th_information", employee=(
        "Dans l'appli, le dossier SAV reste sur « en cours » du début à la fin ; le client "
        "n'a aucune idée de ce qui se passe.",
    ), customer=(
        "Dans l'appli, mon dossier SAV affiche « en cours » depuis trois semaines. Aucune "
        "notification, rien.",
    ), departments=("sav", "ecommerce"), personas=("P1", "P5")),
    Fact("TP50", "em_lassitude", "th_delais", employee=(
        "Sur les e-mails, on a plus de deux mille messages en attente ; on répond en cinq "
        "jours ouvrés dans le meilleur des cas.",
    ), customer=(
        "J'ai écrit via le formulaire de contact ; la réponse est arrivée neuf jours plus "
        "tard, et elle ne répondait pas à ma question.",
    ), departments=("relation_client",), personas=("P2", "P5")),
    Fact("TP55", "em_soulagement", "th_conseil", employee=(
        "Le chat fonctionne bien : un conseiller gère trois conversations en même temps et "
        "les clients ont une réponse en deux minutes.",
    ), customer=(
        "Sur le chat, la conseillère m'a répondu en deux minutes et m'a envoyé le bon de "
        "retour directement.",
    ), departments=("relation_client", "sav"), personas=("P1", "P2")),
    Fact("TP45", "em_frustration", "th_produit", employee=(
        "Pour les meubles en kit, il manque régulièrement une pièce, et le client attend "
        "l'envoi d'un sachet de visserie pendant dix jours.",
    ), customer=(
        "Il manquait deux vis pour monter la commode ; au téléphone, on m'a dit de patienter "
        "dix jours pour un sachet.",
    ), departments=("sav", "relation_client"), personas=("P2", "P5")),
    Fact("TP39", "em_joie", "th_autonomie", employee=(
        "Les vidéos de montage en ligne sont une vraie réussite : depuis qu'on les a, les "
        "appels pour aide au montage ont baissé.",
    ), customer=(
        "J'ai monté la bibliothèque grâce à la vidéo sur le site ; c'était très clair, "
        "mieux que la notice.",
    ), departments=("ecommerce", "sav"), personas=("P1", "P2", "P5")),
    Fact("TP43", "em_joie", "th_fidelite", employee=(
        "Les ateliers du samedi sont complets trois semaines à l'avance ; les clientes qui "
        "y viennent achètent beaucoup plus sur l'année.",
    ), customer=(
        "Je participe aux ateliers du samedi matin, j'ai appris à faire un bouquet de "
        "fleurs séchées ; on se sent comme chez soi.",
    ), departments=("magasins", "marketing"), personas=("P3", "P4")),
    Fact("TP41", "em_joie", "th_fidelite", employee=(
        "Quand on repartage la photo d'une cliente, elle est ravie, et ces publications "
        "marchent mieux que nos visuels de studio.",
    ), customer=(
        "Ils ont repartagé la photo de mon salon sur leur compte Instagram ; j'étais fière "
        "comme tout.",
    ), departments=("marketing",), personas=("P3",)),
    Fact("TP03", "em_joie", "th_produit", employee=(
        "Instagram et Pinterest sont devenus la première source d'inspiration de nos "
        "clientes de moins de quarante ans.",
    ), customer=(
        "Je trouve la plupart de mes idées sur leur compte Instagram ; les photos "
        "d'ambiance donnent envie.",
    ), departments=("marketing",), personas=("P1", "P2", "P3")),
    Fact("TP04", "em_lassitude", "th_information", employee=(
        "On sait que le reciblage publicitaire agace : on continue à montrer un canapé à "
        "quelqu'un qui l'a déjà acheté.",
    ), customer=(
        "Depuis que j'ai acheté mon lit, je vois la publicité du même lit partout sur "
        "Instagram. C'est absurde.",
    ), departments=("marketing", "ecommerce"), personas=("P1", "P2")),
    Fact("TP07", "em_joie", "th_produit", employee=(
        "Les pièces reconstituées à l'entrée du magasin déclenchent beaucoup d'achats "
        "d'impulsion : les clients veulent « la même chambre ».",
    ), customer=(
        "J'adore la chambre mise en scène à l'entrée du magasin, je m'arrête à chaque fois ; "
        "c'est comme un magazine.",
    ), departments=("magasins", "marketing"), personas=("P3", "P4")),
    Fact("TP08", "em_joie", "th_fidelite", employee=(
        "Le catalogue papier reste très attendu par nos clientes fidèles ; certaines "
        "arrivent en magasin avec les pages cornées.",
    ), customer=(
        "Je garde le catalogue sur la table du salon et je corne les pages ; c'est mon "
        "moment à moi, avec un café.",
    ), departments=("marketing", "magasins"), personas=("P3", "P4")),
    Fact("TP17", "em_frustration", "th_information", employee=(
        "Les références du catalogue ne correspondent pas aux codes du site ; les clientes "
        "nous appellent pour retrouver un article vu page 42.",
    ), customer=(
        "J'ai cherché sur le site la nappe vue dans le catalogue : impossible de la "
        "retrouver, la référence ne donne rien.",
    ), departments=("ecommerce", "relation_client"), personas=("P3", "P4")),
    Fact("TP20", "em_lassitude", "th_delais", employee=(
        "Beaucoup d'appels portent sur une simple dimension ou une matière ; c'est de "
        "l'information qui devrait être sur la fiche produit.",
    ), customer=(
        "J'ai appelé pour savoir si la housse passait en machine, et j'ai attendu un quart "
        "d'heure pour une question de dix secondes.",
    ), departments=("relation_client",), personas=("P4",)),
    Fact("TP09", "em_surprise", "th_information", employee=(
        "Les fiches produit sont correctes, mais les photos ne montrent pas toujours la "
        "vraie couleur, d'où des retours.",
    ), customer=(
        "Les fiches produit sont bien faites, mais la couleur « lin » était beaucoup plus "
        "grise en vrai.",
    ), departments=("ecommerce",), personas=("P1", "P2", "P5")),
    Fact("TP12", "em_surprise", "th_outils", employee=(
        "Le scan d'étiquette plaît beaucoup aux jeunes clients : ils comparent les coloris "
        "sans chercher un vendeur.",
    ), customer=(
        "En magasin, je scanne l'étiquette avec l'appli pour voir les avis et les autres "
        "coloris ; c'est pratique.",
    ), departments=("ecommerce", "magasins"), personas=("P1",)),
    Fact("TP16", "em_confiance", "th_produit", employee=(
        "Les échantillons de tissus qu'on laisse emporter évitent énormément de retours sur "
        "les rideaux et les canapés.",
    ), customer=(
        "J'ai pu emporter des échantillons de tissu pour voir avec la lumière du salon ; "
        "c'est top.",
    ), departments=("magasins",), personas=("P3", "P5")),
    Fact("TP06", "em_joie", "th_fidelite", employee=(
        "L'offre anniversaire du programme de fidélité a le meilleur taux d'ouverture de "
        "toutes nos campagnes.",
    ), customer=(
        "Pour mon anniversaire, j'ai reçu un bon de 15 euros avec un petit mot ; c'est bête, "
        "mais ça fait plaisir.",
    ), departments=("marketing",), personas=("P3", "P4")),
    Fact("TP14", "em_surprise", "th_information", employee=(
        "Le mail de relance récupère une partie des paniers abandonnés sur le site, mais "
        "pas sur l'appli, où le panier se perd.",
    ), customer=(
        "J'ai reçu un mail de relance le lendemain pour mon panier ; ça ne me dérange pas, "
        "ça m'a rappelé de finir ma commande.",
    ), departments=("ecommerce", "marketing"), personas=("P1", "P2")),
    Fact("TP36", "em_lassitude", "th_delais", employee=(
        "Au dépôt, les clients attendent parfois quarante minutes au quai pour récupérer un "
        "meuble, sans personne pour les aider à charger.",
    ), customer=(
        "Pour récupérer l'armoire au dépôt, j'ai attendu trois quarts d'heure sur le quai, "
        "et j'ai dû charger seul.",
    ), departments=("magasins",), personas=("P2", "P5")),
    Fact("TP32", "em_inquietude", "th_information", employee=(
        "Le suivi de commande sur le site n'affiche que trois statuts ; entre « en "
        "préparation » et « expédiée », le client ne voit rien.",
    ), customer=(
        "Le suivi de commande en ligne reste bloqué sur « en préparation » pendant des "
        "jours ; on ne sait pas si c'est parti.",
    ), departments=("ecommerce", "relation_client"), personas=("P1", "P5")),
    Fact("TP38", "em_colere", "th_delais", employee=(
        "Sur le chat, une conversation sur quatre concerne un retard de livraison, et on "
        "n'a pas d'autre réponse que « votre commande est en cours ».",
    ), customer=(
        "J'ai demandé sur le chat où en était ma livraison ; on m'a répondu par un message "
        "tout fait, sans aucune information concrète.",
    ), departments=("relation_client",), personas=("P1", "P2")),
    Fact("TP05", "em_lassitude", "th_information", employee=(
        "La newsletter du jeudi part à tous les inscrits, sans distinguer une cliente "
        "fidèle d'un simple prospect.",
    ), customer=(
        "La newsletter, je la reçois tous les jeudis et je l'ouvre une fois sur quatre ; "
        "c'est un peu toujours la même chose.",
    ), departments=("marketing",), personas=("P1", "P3")),
    Fact("TP15", "em_frustration", "th_information", employee=(
        "Le balisage est revu à chaque collection, mais on manque de temps pour remettre "
        "les étiquettes de prix sur les gros meubles.",
    ), customer=(
        "Dans le magasin, on ne trouve pas toujours les prix ; il manque des étiquettes sur "
        "les gros meubles.",
    ), departments=("magasins",), personas=("P4",)),
    Fact(None, "em_surprise", "th_autonomie", stage="choix", channel="site", valence=_N,
         employee=(
             "On imagine nos clientes seniors uniquement en magasin, mais beaucoup commandent "
             "désormais sur le site, souvent aidées par leurs enfants.",
         ), customer=(
             "Avant, je venais tout voir en magasin. Maintenant, ma fille m'a montré le site : "
             "je regarde tout sur l'ordinateur et je commande le soir.",
             "Depuis que le magasin a réduit ses horaires, je fais presque tout sur "
             "internet ; je ne l'aurais pas cru il y a deux ans.",
             "Je reçois les mails de Maison Lumière et je clique directement dessus, c'est "
             "plus simple que de prendre la voiture.",
         ), departments=("magasins", "marketing"), personas=("P4",), key=True),
    Fact(None, "em_lassitude", "th_coordination", stage="achat", valence=_I, employee=(
        "Entre le magasin, le site et l'entrepôt, une même commande peut exister dans trois "
        "systèmes ; on passe nos journées à les réconcilier.",
        "Les commandes passées en magasin pour une livraison à domicile sont saisies deux "
        "fois, d'où des erreurs d'adresse.",
    ), departments=("adv",)),
    Fact("TP22", "em_confiance", "th_outils", employee=(
        "Le tunnel de commande a été refait l'an dernier : il convertit bien sur "
        "ordinateur, moins bien sur mobile.",
    ), customer=(
        "Commander sur le site, c'est simple : en cinq minutes, c'est fait.",
    ), departments=("ecommerce",), personas=("P1", "P2")),
    Fact("TP31", "em_confiance", "th_conseil", employee=(
        "Des clientes âgées commandent encore par téléphone ; on prend le temps, c'est "
        "parfois la seule personne qu'elles ont eue dans la journée.",
    ), customer=(
        "Je commande parfois par téléphone ; la dame est très gentille, elle me relit tout.",
    ), departments=("relation_client",), personas=("P4",)),
    Fact("TP26", "em_inquietude", "th_information", employee=(
        "L'e-mail de confirmation donne un délai estimé qui ne tient pas compte du stock "
        "réel ; c'est souvent la première promesse non tenue.",
    ), customer=(
        "La confirmation de commande annonçait une livraison sous cinq jours ; il en a fallu "
        "quinze.",
    ), departments=("adv", "ecommerce"), personas=("P1", "P2", "P5")),
    Fact("TP28", "em_confiance", "th_conseil", employee=(
        "On reçoit encore une centaine de bons de commande papier par mois, surtout de "
        "clientes âgées ; on les ressaisit à la main.",
    ), customer=(
        "Je remplis encore le bon de commande du catalogue et je l'envoie par la poste, "
        "comme avant.",
    ), departments=("adv", "relation_client"), personas=("P4",)),
    Fact(None, "em_lassitude", "th_coordination", stage="sav", valence=_I, employee=(
        "Pour un remboursement, il faut l'accord du magasin, de l'entrepôt et de la "
        "comptabilité ; le client, lui, ne voit qu'un délai qui s'allonge.",
    ), departments=("adv", "sav")),
    Fact("TP42", "em_confiance", "th_produit", employee=(
        "L'e-mail de conseils d'entretien est peu ouvert, alors que c'est le seul message "
        "qui ne cherche pas à vendre.",
    ), customer=(
        "J'ai bien aimé le mail avec les conseils pour laver le lin ; je l'ai gardé.",
    ), departments=("marketing",), personas=("P3", "P4")),
    Fact("TP49", "em_soulagement", "th_coordination", employee=(
        "Sur les réseaux, on répond vite et on passe en message privé, mais ensuite le "
        "dossier part au service client et on perd le fil.",
    ), customer=(
        "J'ai râlé sur Instagram et on m'a répondu dans l'heure, plus vite qu'au téléphone.",
    ), departments=("marketing", "relation_client"), personas=("P1", "P2")),
    Fact("TP13", "em_inquietude", "th_stock", employee=(
        "Sous chaque publication, on a des questions de dimensions et de stock ; on répond "
        "comme on peut, sans accès au stock des magasins.",
    ), customer=(
        "J'ai posé une question sur les dimensions sous une photo Instagram ; on m'a "
        "répondu le lendemain.",
    ), departments=("marketing",), personas=("P2",)),
    Fact("TP01", "em_joie", "th_produit", employee=(
        "Les pages idées par pièce génèrent beaucoup de paniers complets : les clients "
        "achètent une ambiance, pas un objet.",
    ), customer=(
        "Sur le site, les pages par pièce m'ont donné des idées pour le salon ; j'ai presque "
        "tout pris dans la même ambiance.",
    ), departments=("marketing", "ecommerce"), personas=("P1", "P2", "P3")),
    Fact("TP52", "em_inquietude", "th_coordination", employee=(
        "Quand un vendeur ouvre un dossier SAV en magasin, il nous arrive sans photo ni "
        "ticket, et on doit rappeler le client pour tout reprendre.",
    ), customer=(
        "Au magasin, le vendeur a ouvert un dossier pour ma lampe, mais ensuite je n'ai "
        "jamais su qui s'en occupait.",
    ), departments=("sav", "magasins"), personas=("P3", "P4")),
    Fact("TP46", "em_soulagement", "th_autonomie", employee=(
        "Par chat, le client nous envoie une photo de la pièce qui manque, et on identifie "
        "la référence en une minute.",
    ), customer=(
        "Sur le chat, j'ai envoyé une photo de la pièce cassée et ils ont tout de suite "
        "trouvé la référence.",
    ), departments=("sav",), personas=("P1", "P2")),
    Fact("TP40", "em_lassitude", "th_outils", employee=(
        "Presque personne n'enregistre sa garantie dans l'appli, donc au moment d'une panne, "
        "on n'a même pas la date d'achat.",
    ), customer=(
        "Je n'ai jamais enregistré la garantie dans l'appli ; je ne savais même pas que ça "
        "existait.",
    ), departments=("ecommerce", "sav"), personas=("P1",)),
    Fact("TP34", "em_inquietude", "th_information", customer=(
        "Je reçois bien le mail d'expédition, mais ensuite plus rien jusqu'à l'appel du "
        "transporteur.",
    ), personas=("P1", "P2", "P5")),
)

_Q = {
    ("inspiration", "employee"): (
        "Commençons par le début : comment les clients trouvent-ils leurs idées, d'après "
        "ce que vous voyez ?",
        "Qu'est-ce qui donne envie aux clients de venir chez Maison Lumière ?",
    ),
    ("inspiration", "customer"): (
        "Comment trouvez-vous vos idées pour la maison ?",
        "Qu'est-ce qui vous a donné envie, au départ ?",
    ),
    ("choix", "employee"): (
        "Au moment où le client compare et choisit, qu'est-ce qui se passe bien, et "
        "qu'est-ce qui coince ?",
        "Quelles questions les clients vous posent-ils avant d'acheter ?",
    ),
    ("choix", "customer"): (
        "Et quand vous comparez et choisissez vos articles, comment ça se passe ?",
        "Racontez-moi la dernière fois que vous avez choisi un article chez eux.",
    ),
    ("achat", "employee"): (
        "Parlons de la commande et du paiement : où sont les points de friction ?",
        "Et au moment du passage en caisse ou de la commande ?",
    ),
    ("achat", "customer"): (
        "Et au moment de payer, de passer commande ?",
        "Comment s'est passé l'achat lui-même ?",
    ),
    ("livraison", "employee"): (
        "Parlons de la livraison : quels retours avez-vous des clients ?",
        "Que se passe-t-il quand une livraison se passe mal ?",
    ),
    ("livraison", "customer"): (
        "Et la livraison, comment cela s'est-il passé ?",
        "Parlez-moi de la réception de votre commande.",
    ),
    ("installation", "employee"): (
        "Après la réception, quand le client installe ou utilise ses achats, qu'entendez-"
        "vous ?",
        "Et une fois le produit chez le client ?",
    ),
    ("installation", "customer"): (
        "Une fois chez vous, l'installation, le montage, tout s'est bien passé ?",
        "Et une fois les articles à la maison ?",
    ),
    ("sav", "employee"): (
        "Et quand le client a besoin d'aide après l'achat : retour, panne, réclamation ?",
        "Comment sont traitées les réclamations aujourd'hui ?",
    ),
    ("sav", "customer"): (
        "Avez-vous déjà eu besoin du service après-vente ou de faire un retour ?",
        "Et si vous avez eu un souci après l'achat ?",
    ),
}

_WORDING = Wording(
    interviewer="Intervieweur",
    separator=" : ",
    header="Entretien {id} - {who}\nDate : {date} - Durée : {minutes} min - "
           "Intervieweur : {interviewer}",
    greetings=(
        "Bonjour {first}, merci de nous accorder ce temps. Pouvez-vous vous présenter en "
        "quelques mots ?",
        "Bonjour {first}, et merci d'avoir accepté cet entretien. Pour commencer, pouvez-vous "
        "vous présenter ?",
        "Merci {first} d'être là. Tout ce que vous direz restera anonyme dans le rapport. "
        "Vous pouvez vous présenter ?",
    ),
    openers=(
        "Oui, tout à fait.", "Alors, c'est une bonne question.", "Franchement ?",
        "Ah, ça, c'est un vrai sujet.", "Je vais vous donner un exemple concret.",
        "Plutôt bien, dans l'ensemble.", "Hmm, laissez-moi réfléchir.",
        "Il y a du bon et du moins bon.", "Honnêtement, ça dépend des jours.",
        "Alors là, il y a beaucoup à dire.", "Bon, je vais être honnête.",
    ),
    follow_ups=(
        "Vous avez un autre exemple ?", "Et qu'avez-vous ressenti à ce moment-là ?",
        "C'est fréquent ?", "D'accord. Et ensuite ?", "Vous pouvez préciser ?",
    ),
    more_questions=(
        "Y a-t-il d'autres sujets qui reviennent souvent ?",
        "Autre chose qui vous vient à l'esprit ?",
        "Et en dehors de ce qu'on vient d'évoquer ?",
    ),
    bridges={
        "same": ("Et puis il y a autre chose.", "Autre exemple.", "Ce n'est pas tout.",
                 "Je pense aussi à autre chose."),
        "to_good": ("Mais il y a aussi du positif.", "Cela dit, tout n'est pas noir.",
                    "À l'inverse, il y a des choses qui marchent bien."),
        "to_bad": ("En revanche, il y a un vrai point noir.", "Par contre, ça se gâte ensuite.",
                   "Mais tout n'est pas rose."),
    },
    last_question=(
        "Dernière question : si vous pouviez changer une seule chose demain, ce serait quoi ?",
        "Pour finir, si vous aviez une baguette magique ?",
    ),
    thanks=(
        "Merci beaucoup {first}, c'est très précieux pour nous.",
        "Merci {first}, c'est très clair. Bonne fin de journée.",
    ),
    questions=_Q,
    population_labels={"employee": "salarié", "customer": "client"},
)


def _iv(iid: str, pop: str, who: tuple[str, str, str], day: tuple[int, int], coder: str,
        intro: str, wish: str, group: str, contact: str | None = None) -> Interview:
    first, last, role = who
    dept = group if pop == "employee" else None
    persona = group if pop == "customer" else None
    return Interview(iid, pop, first, last, role, date(2026, *day), coder, intro, wish,
                     dept, persona, contact)


_INTERVIEWS = (
    _iv("I01", "employee", ("Sandrine", "Morel", "Conseillère de vente, magasin de Lille"),
        (9, 7), "am",
        "Je suis Sandrine Morel, conseillère de vente au magasin de Lille depuis huit ans. "
        "Je suis surtout au rayon linge de maison et rideaux.",
        "Que le stock affiché sur le site soit enfin juste. On passerait beaucoup moins de "
        "temps à s'excuser.", "magasins",
        "Si vous avez besoin de précisions, mon portable, c'est le 06 39 98 41 27."),
    _iv("I02", "employee", ("Karine", "Dupuis", "Conseillère relation client, Roubaix"),
        (9, 8), "jb",
        "Karine Dupuis, je suis conseillère au service relation client, sur le plateau de "
        "Roubaix, depuis cinq ans. Je prends les appels et une partie des e-mails.",
        "Avoir accès au planning du transporteur. Aujourd'hui, on répond à l'aveugle.",
        "relation_client",
        "Vous pouvez m'écrire à karine.dupuis@maisonlumiere.example si vous voulez les "
        "chiffres d'appels."),
    _iv("I03", "employee", ("Julien", "Roche", "Responsable produit application"),
        (9, 9), "am",
        "Julien Roche, je suis responsable produit de l'application mobile, au pôle "
        "e-commerce, depuis deux ans.",
        "Réparer la synchronisation entre l'appli et le site avant toute nouvelle "
        "fonctionnalité.", "ecommerce"),
    _iv("I04", "employee", ("Patrick", "Lemaire", "Directeur du magasin de Nantes"),
        (9, 10), "jb",
        "Patrick Lemaire, je dirige le magasin de Nantes, une quarantaine de personnes. "
        "Avant, j'étais chef de rayon à Angers.",
        "Deux caisses de plus le samedi, et du temps de conseil protégé pour les équipes.",
        "magasins",
        "Mon numéro direct, si besoin : +33 6 39 98 52 10."),
    _iv("I05", "employee", ("Nadia", "Benali", "Technicienne SAV"), (9, 14), "am",
        "Nadia Benali, je travaille au service après-vente depuis onze ans ; je traite les "
        "dossiers de pièces manquantes et de produits défectueux.",
        "Un seul outil de suivi des dossiers, partagé avec les magasins et le service "
        "client.", "sav"),
    _iv("I06", "employee", ("Claire", "Fontaine", "Cheffe de projet CRM"), (9, 15), "jb",
        "Claire Fontaine, cheffe de projet CRM au marketing : je m'occupe de la newsletter, "
        "du programme de fidélité et du catalogue.",
        "Arrêter d'envoyer la même newsletter à tout le monde, et relier enfin le catalogue "
        "au site.", "marketing",
        "Je vous envoie nos taux d'ouverture : claire.fontaine@maisonlumiere.example."),
    _iv("I07", "employee", ("Mehdi", "Haddad", "Superviseur chat et réseaux sociaux"),
        (9, 16), "am",
        "Mehdi Haddad, je supervise l'équipe chat et les réponses sur les réseaux, six "
        "conseillers, au sein de la relation client.",
        "Un vrai outil pour le chat, avec l'historique du client sous les yeux.",
        "relation_client"),
    _iv("I08", "employee", ("Isabelle", "Garnier", "Responsable administration des ventes"),
        (9, 17), "jb",
        "Isabelle Garnier, je suis responsable de l'administration des ventes : commandes, "
        "paiements, remboursements, litiges.",
        "Un seul système de commande pour le magasin, le site et le téléphone.", "adv"),
    _iv("I09", "employee", ("Antoine", "Mercier", "Responsable du site web"), (9, 21), "am",
        "Antoine Mercier, je suis responsable du site web, donc des fiches produit, du "
        "tunnel de commande et du suivi en ligne.",
        "Un stock en temps réel, et les frais de livraison affichés dès la fiche produit.",
        "ecommerce",
        "Pour les statistiques de navigation, écrivez-moi : a.mercier@maisonlumiere.example."),
    _iv("I10", "employee", ("Élodie", "Petit", "Vendeuse conseil, magasin de Bordeaux"),
        (9, 22), "jb",
        "Élodie Petit, vendeuse conseil au magasin de Bordeaux depuis quatre ans, surtout "
        "au rayon luminaires et petit mobilier.",
        "Plus de monde le samedi, pour avoir le temps de conseiller.", "magasins"),
    _iv("I11", "employee", ("Franck", "Olivier", "Responsable du service après-vente"),
        (9, 23), "am",
        "Franck Olivier, je suis responsable du service après-vente, une équipe de vingt "
        "personnes répartie entre Roubaix et Lyon.",
        "Que chaque dossier ait un responsable, du premier appel à la clôture.", "sav",
        "Vous pouvez me joindre au 06.39.98.77.03 pour la suite."),
    _iv("I12", "employee", ("Laura", "Vidal", "Conseillère relation client, équipe e-mails"),
        (9, 24), "jb",
        "Laura Vidal, conseillère relation client ; je suis dans l'équipe qui traite les "
        "e-mails et les formulaires de contact.",
        "Résorber le stock d'e-mails en attente ; on ne peut pas bien travailler avec deux "
        "mille messages en retard.", "relation_client"),
    _iv("I13", "customer", ("Lucie", "Marchand", "Cliente, 34 ans, Lyon"), (10, 1), "am",
        "Lucie Marchand, j'ai 34 ans, je suis cheffe de projet dans une agence à Lyon. "
        "J'achète surtout sur l'appli, le soir ou dans le métro.",
        "Une appli qui ne plante pas, et une livraison à une heure près.", "P1",
        "Si vous voulez me recontacter : lucie.marchand@courriel.example, ou au "
        "06 39 98 63 18."),
    _iv("I14", "customer", ("Hugo", "Lambert", "Client, 29 ans, Paris"), (10, 2), "jb",
        "Hugo Lambert, 29 ans, développeur à Paris. J'ai refait toute ma chambre l'an "
        "dernier, presque entièrement en ligne.",
        "Savoir ce qui est vraiment en stock avant de me déplacer.", "P1"),
    _iv("I15", "customer", ("Sarah", "Cohen", "Cliente, 38 ans, Lille"), (10, 5), "am",
        "Sarah Cohen, j'ai 38 ans, je suis consultante à Lille, deux enfants, peu de temps. "
        "Je commande et je fais retirer en magasin.",
        "Pouvoir tout suivre dans l'appli, sans jamais avoir à appeler.", "P1"),
    _iv("I16", "customer", ("Manon", "Girard", "Cliente, 27 ans, Rennes"), (10, 6), "jb",
        "Manon Girard, 27 ans, infirmière à Rennes. On vient d'emménager avec mon compagnon "
        "dans notre premier appartement, alors on meuble tout.",
        "Connaître tous les frais dès le début, et pouvoir payer en plusieurs fois.", "P2",
        "Mon adresse, c'est manon.girard@courriel.example, si vous avez d'autres questions."),
    _iv("I17", "customer", ("Kevin", "Moreau", "Client, 31 ans, Toulouse"), (10, 7), "am",
        "Kevin Moreau, 31 ans, je travaille dans la logistique à Toulouse. On a acheté une "
        "maison au printemps, donc beaucoup de meubles d'un coup.",
        "Des créneaux de livraison courts, comme pour les courses.", "P2"),
    _iv("I18", "customer", ("Véronique", "Blanc", "Cliente, 47 ans, Bordeaux"), (10, 8),
        "jb",
        "Véronique Blanc, 47 ans, j'habite Bordeaux et je suis passionnée de déco ; je suis "
        "cliente de Maison Lumière depuis plus de dix ans.",
        "Être reconnue comme cliente fidèle, pas seulement avec un bon d'achat.", "P3",
        "Vous pouvez m'appeler au 06 39 98 12 45, je suis souvent disponible le matin."),
    _iv("I19", "customer", ("Stéphanie", "Perrin", "Cliente, 52 ans, Annecy"), (10, 9),
        "am",
        "Stéphanie Perrin, 52 ans, je vis à Annecy, je change la déco de la maison à chaque "
        "saison. Je suis beaucoup de comptes déco sur Instagram.",
        "Plus de vendeurs le samedi, et les nouveautés disponibles en même temps qu'en "
        "ligne.", "P3"),
    _iv("I20", "customer", ("Monique", "Lefèvre", "Cliente, 68 ans, Angers"), (10, 12),
        "jb",
        "Monique Lefèvre, j'ai 68 ans, je suis à la retraite à Angers. Pendant longtemps, "
        "je venais au magasin presque toutes les semaines.",
        "Qu'on me rappelle quand on me le promet. C'est tout ce que je demande.", "P4",
        "Mon numéro, c'est le 06 39 98 20 56, et mon mail monique.lefevre@courriel.example."),
    _iv("I21", "customer", ("Jacqueline", "Henry", "Cliente, 74 ans, Orléans"), (10, 13),
        "am",
        "Jacqueline Henry, 74 ans, ancienne institutrice, à Orléans. Je reçois le catalogue "
        "depuis des années.",
        "Que les articles du catalogue se retrouvent facilement sur le site.", "P4"),
    _iv("I22", "customer", ("Bernard", "Leclerc", "Client, 70 ans, Tours"), (10, 14), "jb",
        "Bernard Leclerc, 70 ans, retraité de la SNCF, à Tours. C'est plutôt ma femme qui "
        "choisit, moi je m'occupe du montage et des retours.",
        "Un numéro où l'on tombe sur quelqu'un tout de suite.", "P4"),
    _iv("I23", "customer", ("Yacine", "Belkacem", "Client, architecte d'intérieur, Marseille"),
        (10, 15), "am",
        "Yacine Belkacem, architecte d'intérieur à Marseille. J'équipe des appartements "
        "pour mes clients, donc je commande souvent en volume.",
        "Une date de livraison garantie, et un interlocuteur unique pour les pros.", "P5",
        "Mon portable pro : +33 6 39 98 88 31, ou yacine@atelier-belkacem.example."),
    _iv("I24", "customer", ("Sophie", "Nguyen", "Cliente, loueuse en meublé, Nice"),
        (10, 16), "jb",
        "Sophie Nguyen, je gère trois locations meublées à Nice ; je renouvelle le linge et "
        "le petit mobilier deux fois par an.",
        "Un suivi de dossier SAV clair, avec une vraie date.", "P5"),
)

_VERBATIMS = Verbatims(
    by_stage={
        "inspiration": {
            "pos": ("Toujours de belles idées dans vos pages inspiration.",
                    "Les vitrines du magasin donnent vraiment envie.",
                    "J'adore le catalogue, je le garde toute la saison.",
                    "Votre compte Instagram est une mine d'idées."),
            "mid": ("La newsletter est un peu répétitive.",
                    "Des idées sympas mais souvent les mêmes styles."),
            "neg": ("Trop de publicités pour des articles que j'ai déjà achetés.",
                    "Trop de mails, je vais me désabonner.",
                    "Le catalogue ne correspond plus à ce qu'il y a en magasin."),
        },
        "choix": {
            "pos": ("Vendeuse au top, de très bons conseils.",
                    "Conseil personnalisé et sans pression, merci.",
                    "Les échantillons de tissu m'ont permis de bien choisir.",
                    "Fiches produit claires et complètes."),
            "mid": ("Choix correct mais les photos ne rendent pas les vraies couleurs.",
                    "Difficile de trouver un vendeur disponible le samedi."),
            "neg": ("Stock affiché sur le site faux, déplacement pour rien.",
                    "L'appli plante quand on compare des articles.",
                    "Impossible de retrouver en ligne l'article vu dans le catalogue.",
                    "Ma liste d'envies a disparu entre l'appli et le site."),
        },
        "achat": {
            "pos": ("Paiement rapide et simple sur l'appli.",
                    "Le vendeur a passé la commande pour moi, très pratique.",
                    "Commande facile, rien à redire."),
            "mid": ("Commande correcte, mais les frais de livraison arrivent tard.",
                    "Un peu d'attente en caisse mais personnel aimable."),
            "neg": ("Queue interminable en caisse le samedi.",
                    "Paiement en trois fois refusé sans explication.",
                    "Frais de livraison découverts à la dernière étape, très désagréable."),
        },
        "livraison": {
            "pos": ("Retrait en magasin en deux heures, parfait.",
                    "Livreur ponctuel et aimable.",
                    "Suivi du livreur en temps réel très pratique."),
            "mid": ("Livraison correcte mais suivi peu précis.",
                    "Colis arrivé à temps, mais carton abîmé."),
            "neg": ("Créneau de livraison de 8 h à 18 h, inacceptable.",
                    "Livreur jamais venu, journée de congé perdue.",
                    "Trois appels pour fixer un rendez-vous de livraison.",
                    "Livraison reportée deux fois sans prévenir."),
        },
        "installation": {
            "pos": ("Les vidéos de montage sont très claires.",
                    "Produit conforme et de qualité, très contente.",
                    "Les ateliers du samedi sont un vrai plus."),
            "mid": ("Montage un peu long mais résultat satisfaisant.",
                    "Notice peu claire, heureusement il y a la vidéo."),
            "neg": ("Pièces manquantes pour le montage, dix jours d'attente.",
                    "Notice incompréhensible.",
                    "La couleur ne correspond pas à la photo."),
        },
        "sav": {
            "pos": ("Échange immédiat en magasin, bravo.",
                    "Chat très réactif, problème réglé en cinq minutes.",
                    "SAV efficace et à l'écoute."),
            "mid": ("Remboursement obtenu, mais il a fallu relancer.",
                    "Dossier traité, mais sans nouvelles pendant deux semaines."),
            "neg": ("Personne ne m'a rappelée malgré trois promesses.",
                    "Vingt minutes d'attente au téléphone.",
                    "Réponse à mon e-mail au bout de neuf jours.",
                    "Remboursement du retour au bout de trois semaines."),
        },
    },
    by_touchpoint={
        "TP37": {"neg": (
            "Le rendez-vous de livraison est une catastrophe : créneau d'une journée entière "
            "et livreur absent.",
            "Prise de rendez-vous de livraison interminable, j'ai dû rappeler trois fois.",
            "Le transporteur a annulé le rendez-vous la veille au soir. Inadmissible.",
            "Journée de congé posée pour la livraison du canapé, personne n'est venu.",
        )},
        "TP19": {"pos": (
            "La vendeuse a pris le temps de comprendre mon projet, conseil parfait.",
            "Conseils très justes du vendeur sur les tissus et les dimensions.",
            "Merci à Sandrine du rayon rideaux pour ses conseils !",
            "Un vrai conseil, pas de la vente forcée.",
        )},
        "TP11": {"neg": (
            "L'appli s'est fermée pendant la comparaison, j'ai abandonné.",
            "Liste d'envies perdue entre l'appli et le site, très agaçant.",
        )},
    },
    leads={
        "pos": ("Cliente depuis dix ans.", "Première commande chez vous, sûrement pas la "
                "dernière.", "Acheté pour notre nouvel appartement.", "Très bonne expérience."),
        "mid": ("Première commande.", "Expérience mitigée.", "Achat pour une location meublée."),
        "neg": ("Deuxième fois que ça m'arrive.", "Cliente fidèle, mais là c'est trop.",
                "Expérience décevante.", "Je suis très mécontent."),
    },
    tails={
        "pos": ("Je recommande.", "Merci !", "Je reviendrai.", "Bravo à l'équipe."),
        "mid": ("Peut mieux faire.", "Dans l'ensemble, ça va."),
        "neg": ("Très déçue.", "Dommage.", "À améliorer d'urgence.",
                "Pas sûr de revenir."),
    },
    pii=("Vous pouvez me rappeler au {phone}.", "Merci de me recontacter : {email}",
         "Toujours pas de réponse, mon numéro : {phone}.",
         "Écrivez-moi à {email}, j'attends toujours."),
    first_names=("marie", "nicolas", "julie", "olivier", "celine", "pierre", "aurelie",
                 "laurent", "emilie", "sebastien", "chloe", "mathieu"),
    last_names=("dubois", "laurent", "simon", "michel", "lefebvre", "garcia", "david",
                "bertrand", "roux", "vincent", "fournier", "morin"),
    phone="06 39 98 {a:02d} {b:02d}",
    email_domains=("courriel.example", "messagerie.example", "boite.example"),
)

_JOURNEY = JourneyModel(
    n_customers=50_000, start=date(2025, 11, 1), days=365,
    skip_first={"P1": 0.35, "P2": 0.15, "P3": 0.10, "P4": 0.70, "P5": 0.45},
    dropout_stage="choix", dropout_channel="appli", abandon_high=0.46, abandon_low=0.12,
    visit={"livraison": 0.78, "installation": 0.55, "sav": 0.28},
    repeat={"inspiration": 0.35, "choix": 0.40, "livraison": 0.30, "installation": 0.15,
            "sav": 0.35},
    max_visits={"inspiration": 2, "choix": 2, "livraison": 2, "installation": 2, "sav": 2},
    gap_hours={"inspiration": 30.0, "choix": 40.0, "achat": 20.0, "livraison": 110.0,
               "installation": 40.0, "sav": 240.0},
    help_stage="sav", value_median=85.0, value_sigma=0.75,
    observed={"P4": {"digital": 1.6, "physical": 0.3, "human": 0.3}},
    always_open=("catalogue",),
)

_SURVEY = SurveyModel(
    n={"W1": 2550, "W2": 2750},
    fieldwork={"W1": (date(2026, 3, 2), date(2026, 4, 30)),
               "W2": (date(2026, 9, 1), date(2026, 10, 31))},
    stage_mean={"inspiration": 4.1, "choix": 3.9, "achat": 4.0, "livraison": 3.6,
                "installation": 3.9, "sav": 3.4},
    nps_weight={"inspiration": 0.20, "choix": 0.35, "achat": 0.25, "livraison": 1.10,
                "installation": 0.20, "sav": 0.40},
    missing={"inspiration": 0.08, "installation": 0.18, "sav": 0.35},
    quotas={"catalogue": {"W1": 41, "W2": 39}, "chat": {"W1": 34, "W2": 22},
            "borne": {"W1": 12, "W2": 6}},
    stable_channel="catalogue",
    boost={"TP37": 9.0, "TP19": 6.0, "TP11": 2.0, "TP35": 2.0, "TP53": 2.0, "TP47": 1.5},
    quality={"enchantment": 0.9, "neutral": 0.0, "irritant": -0.8, "rupture": -1.2,
             "TP37": -2.8, "TP19": 1.7},
    nps_intercept=8.1, wave_uplift=0.08, sat_uplift=0.08,
)


def _k(kpi: str, first: float, last: float, noise: float, base: int, stage: str | None = None,
       channel: str | None = None, seasonal: float = 0.0, digits: int = 3) -> KpiSeries:
    return KpiSeries(kpi, first, last, noise, base, stage, channel, seasonal, digits)


_KPIS = (
    _k("conversion", 0.029, 0.034, 0.0012, 420_000, seasonal=0.10, digits=4),
    _k("conversion", 0.027, 0.031, 0.0012, 300_000, channel="site", seasonal=0.10, digits=4),
    _k("conversion", 0.021, 0.018, 0.0010, 110_000, channel="appli", seasonal=0.08, digits=4),
    _k("conversion", 0.21, 0.22, 0.008, 180_000, channel="magasin", seasonal=0.05),
    _k("retention", 0.78, 0.80, 0.006, 250_000),
    _k("churn", 0.17, 0.15, 0.005, 250_000),
    _k("first_response_time", 0.30, 0.22, 0.03, 38_000, stage="sav",
       channel="service_client", seasonal=0.15, digits=2),
    _k("first_response_time", 52.0, 30.0, 3.0, 9_000, stage="sav", channel="email",
       seasonal=0.10, digits=1),
    _k("first_response_time", 0.05, 0.04, 0.004, 6_000, stage="sav", channel="chat"),
    _k("first_response_time", 6.0, 4.0, 0.6, 1_500, channel="reseaux", digits=1),
    _k("resolution_time", 120.0, 96.0, 6.0, 12_000, stage="sav", seasonal=0.08, digits=1),
    _k("resolution_time", 150.0, 110.0, 9.0, 4_000, stage="sav", channel="email", digits=1),
    _k("resolution_time", 70.0, 60.0, 5.0, 7_000, stage="sav", channel="service_client",
       digits=1),
    _k("resolution_time", 190.0, 205.0, 10.0, 3_500, stage="livraison", seasonal=0.12,
       digits=1),
)


def _a(aid: str, title: str, tp: str | None, impact: int, effort: int, owner: str,
       due: date, status: str) -> dict:
    return {"action_id": aid, "title": title, "touchpoint_id": tp, "impact": impact,
            "effort": effort, "owner_department": owner, "due_date": due, "status": status}


_ACTIONS = (
    _a("A01", "Proposer des créneaux de livraison de 2 heures et un SMS la veille", "TP37",
       5, 3, "logistique", date(2027, 3, 31), "todo"),
    _a("A02", "Corriger la synchronisation du panier et de la liste d'envies entre appli et "
              "site", "TP11", 5, 4, "ecommerce", date(2027, 2, 28), "in_progress"),
    _a("A03", "Afficher un stock par magasin rafraîchi toutes les heures", "TP10", 4, 4,
       "ecommerce", date(2027, 6, 30), "todo"),
    _a("A04", "Étendre à tous les magasins la formation au conseil matières et couleurs",
       "TP19", 3, 2, "magasins", date(2027, 1, 31), "in_progress"),
    _a("A05", "Afficher les frais de livraison dès la fiche produit", "TP23", 4, 1,
       "ecommerce", date(2026, 12, 15), "done"),
    _a("A06", "Garantir un rappel sous 24 heures pour tout dossier SAV, avec un responsable "
              "nommé", "TP54", 4, 3, "sav", date(2027, 3, 31), "todo"),
    _a("A07", "Notifier chaque changement de statut du dossier SAV dans l'appli", "TP48", 3,
       3, "sav", date(2027, 4, 30), "todo"),
    _a("A08", "Ouvrir une caisse express le samedi après-midi", "TP27", 3, 2, "magasins",
       date(2026, 11, 30), "done"),
    _a("A09", "Imprimer les références du site et un QR code dans le catalogue", "TP17", 3, 1,
       "marketing", date(2027, 2, 15), "in_progress"),
    _a("A10", "Ramener le délai de réponse aux e-mails à 48 heures", "TP50", 4, 3,
       "relation_client", date(2027, 5, 31), "todo"),
    _a("A11", "Exclure les articles déjà achetés du reciblage publicitaire", "TP04", 2, 2,
       "marketing", date(2027, 1, 15), "todo"),
    _a("A12", "Rencontrer l'équipe logistique et le transporteur lors de la vague 3", None, 3,
       1, "logistique", date(2027, 1, 31), "todo"),
)

SPEC = ClientSpec(
    slug="demo-fr",
    config=_CONFIG,
    files=_FILES,
    style=_STYLE,
    personas=_PERSONAS,
    touchpoints=_TOUCHPOINTS,
    code_parents={
        "stage": ("etape", "Étapes du parcours", "#4e79a7"),
        "channel": ("canal", "Canaux", "#59a14f"),
        "valence": ("valence", "Valence", "#9c755f"),
        "emotion": ("emotion", "Émotions", "#b07aa1"),
        "theme": ("theme", "Thèmes", "#76b7b2"),
    },
    code_prefixes={"stage": "et_", "channel": "ca_"},
    emotions=(
        ("em_joie", "Joie", "#f1ce63"), ("em_confiance", "Confiance", "#8cd17d"),
        ("em_surprise", "Surprise", "#86bcb6"), ("em_soulagement", "Soulagement", "#a0cbe8"),
        ("em_frustration", "Frustration", "#ff9d9a"), ("em_colere", "Colère", "#e15759"),
        ("em_inquietude", "Inquiétude", "#d4a6c8"), ("em_lassitude", "Lassitude", "#bab0ac"),
    ),
    themes=(
        ("th_delais", "Délais et attente", "#f28e2b"),
        ("th_information", "Information et suivi", "#4e79a7"),
        ("th_prix", "Prix et frais", "#edc948"),
        ("th_produit", "Produit et qualité", "#59a14f"),
        ("th_conseil", "Accueil et conseil", "#76b7b2"),
        ("th_stock", "Disponibilité et stock", "#ff9da7"),
        ("th_outils", "Outils numériques", "#9c755f"),
        ("th_coordination", "Coordination entre services", "#e15759"),
        ("th_fidelite", "Fidélité et reconnaissance", "#b07aa1"),
        ("th_autonomie", "Autonomie du client", "#499894"),
    ),
    valences={
        "enchantment": ("va_enchantement", "Enchantement", "#2ca02c"),
        "neutral": ("va_neutre", "Neutre", "#7f7f7f"),
        "irritant": ("va_irritant", "Irritant", "#ff7f0e"),
        "rupture": ("va_rupture", "Rupture", "#d62728"),
    },
    code_descriptions={
        "parent": "Regroupe les codes de type {kind}.",
        "stage": "Passage qui concerne l'étape « {label} ».",
        "channel": "Passage qui concerne le canal « {label} ».",
        "valence": "Le passage exprime un vécu de type {label}.",
        "emotion": "Émotion exprimée ou décrite : {label}.",
        "theme": "Thème abordé : {label}.",
    },
    coders={"am": "Aline Martin", "jb": "Julien Bernard"},
    second_coder="jb",
    interviews=_INTERVIEWS,
    facts=_FACTS,
    wording=_WORDING,
    verbatims=_VERBATIMS,
    journey=_JOURNEY,
    survey=_SURVEY,
    kpis=_KPIS,
    kpi_months=(date(2025, 5, 1), 18),
    actions=_ACTIONS,
    enum_labels={
        "valence": {"enchantment": "enchantement", "neutral": "neutre",
                    "irritant": "irritant", "rupture": "rupture"},
        "population": {"employee": "salarié", "customer": "client"},
        "action_status": {"todo": "à faire", "in_progress": "en cours", "done": "fait"},
        "outcome": {"converted": "converti", "abandoned": "abandon", "resolved": "résolu",
                    "unresolved": "non résolu"},
        "code_kind": {"stage": "étape", "channel": "canal", "valence": "valence",
                      "emotion": "émotion", "theme": "thème"},
    },
    truths=TRUTHS,
    previous=PreviousWave(
        wave="W1", file="points_de_contact_vague1.xlsx", added=("TP33",),
        removed=(Touchpoint("TP56", "achat", "magasin", "Bon de commande manuscrit au comptoir",
                            "Le vendeur recopie la commande à la main sur un bon carbone.",
                            "neutral", "magasins"),),
        ratings={"TP25": "irritant", "TP37": "neutral"}),
)
