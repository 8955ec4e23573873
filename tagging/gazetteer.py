"""The curated gazetteer of Dutch health-care actors: canonical short name -> spelling variants."""

from __future__ import annotations

# How the gazetteer is organised:
# - The key is the canonical short name used everywhere (store, search output, app, CSV); it is
#   the name the Q&A schema uses (VWS, NZa, ZN, ZINl, 'minister van VWS', IZA-partijen, ...).
# - The values are the ways the documents write that actor: abbreviations, full names, spelling
#   variants and frequent typos ("WVS"). The key itself always counts as a variant.
# - Variants of at most five characters written in capitals are matched case-sensitively
#   ("ZIN" the institute, not "zin" the sentence); all others case-insensitively.
# - Associations (ZN, VNG) and the members they represent (zorgverzekeraars, gemeenten) are
#   separate actors: an agreement by ZN is not a promise by each insurer.

ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "VWS": (
        "ministerie van VWS",
        "ministerie van Volksgezondheid, Welzijn en Sport",
        "Volksgezondheid, Welzijn en Sport",
        "WVS",
        "het ministerie",
        "de overheid",
        "overheid",
        "Rijksoverheid",
    ),
    "NZa": ("Nederlandse Zorgautoriteit", "Zorgautoriteit"),
    "ZINl": ("Zorginstituut", "Zorginstituut Nederland", "ZINL", "ZiNL", "ZIN"),
    "ZN": ("Zorgverzekeraars Nederland",),
    "LHV": ("Landelijke Huisartsen Vereniging", "Landelijke Huisartsenvereniging"),
    "InEen": ("Ineen",),
    "NHG": ("Nederlands Huisartsen Genootschap",),
    "ActiZ": ("Actiz",),
    "NVZ": ("Nederlandse Vereniging van Ziekenhuizen",),
    "NFU": ("Nederlandse Federatie van Universitair Medische Centra",),
    "ZKN": ("Zelfstandige Klinieken Nederland",),
    "FMS": ("Federatie Medisch Specialisten", "Federatie van Medisch Specialisten"),
    "V&VN": (
        "Verpleegkundigen & Verzorgenden Nederland",
        "Verpleegkundigen en Verzorgenden Nederland",
    ),
    "VNG": ("Vereniging van Nederlandse Gemeenten", "Vereniging Nederlandse Gemeenten"),
    "De Nederlandse GGZ": ("Nederlandse GGZ", "dNggz", "NLGGZ", "deNLggz"),
    "Patientenfederatie": ("Patiëntenfederatie", "Patiëntenfederatie Nederland", "PFN"),
    "MIND": ("MIND Landelijk Platform Psychische Gezondheid", "Mind"),
    "KNMP": ("Koninklijke Nederlandse Maatschappij ter bevordering der Pharmacie",),
    "KNGF": ("Koninklijk Nederlands Genootschap voor Fysiotherapie",),
    "KNMG": ("Koninklijke Nederlandsche Maatschappij tot bevordering der Geneeskunst",),
    "KNMT": ("Koninklijke Nederlandse Maatschappij tot bevordering der Tandheelkunde",),
    "Zorgthuisnl": ("ZorgthuisNL", "Zorgthuis NL"),
    "RIVM": ("Rijksinstituut voor Volksgezondheid en Milieu",),
    "Nivel": ("NIVEL",),
    "IGJ": ("Inspectie Gezondheidszorg en Jeugd", "Inspectie"),
    "ZonMw": ("ZonMW",),
    "LNAZ": ("Landelijk Netwerk Acute Zorg",),
    "ACM": ("Autoriteit Consument en Markt",),
    "CIZ": ("Centrum indicatiestelling zorg",),
    "Nictiz": (),
    "Vektis": (),
    "GGD GHOR NL": ("GGD GHOR Nederland", "GGD GHOR"),
    "Sociaal Werk Nederland": ("SWN",),
    "VGN": ("Vereniging Gehandicaptenzorg Nederland",),
    "NVvP": ("Nederlandse Vereniging voor Psychiatrie",),
    "NVAVG": (),
    "NVLF": (),
    "NVZA": (),
    "KIPZ": ("Kennisinstituut Publieke Zorg",),
    "SZW": ("ministerie van SZW", "ministerie van Sociale Zaken en Werkgelegenheid"),
    "BZK": ("ministerie van BZK", "ministerie van Binnenlandse Zaken"),
    "OCW": ("ministerie van OCW", "ministerie van Onderwijs, Cultuur en Wetenschap"),
    "Financien": ("ministerie van Financiën", "ministerie van Financien"),
    "ROAZ'en": (
        "ROAZ",
        "ROAZ’en",
        "ROAZen",
        "ROAZ-en",
        "ROAZ-regio",
        "ROAZ-regio's",
        "ROAZ-regio’s",
    ),
    "SER": ("Sociaal-Economische Raad",),
    "RVS": ("Raad voor Volksgezondheid & Samenleving", "Raad voor Volksgezondheid en Samenleving"),
    "WRR": ("Wetenschappelijke Raad voor het Regeringsbeleid",),
    "CBS": ("Centraal Bureau voor de Statistiek",),
    "CPB": ("Centraal Planbureau",),
    "zorgkantoren": ("zorgkantoor",),
    # A body of the agreement: it decides and monitors as one ("wordt vastgesteld door het
    # Bestuurlijk Overleg IZA", "besproken in het BO IZA").
    "Bestuurlijk Overleg IZA": ("BO IZA", "Bestuurlijk Overleg van het IZA"),
}

# Members of the government, who sign letters and make promises to parliament.
GOVERNMENT: dict[str, tuple[str, ...]] = {
    "minister van VWS": (
        "minister van Volksgezondheid, Welzijn en Sport",
        "minister van Volksgezondheid",
        "Minister van VWS",
    ),
    "minister voor MZS": (
        "minister voor Medische Zorg en Sport",
        "minister voor Medische Zorg",
        "minister voor MZ",
        "minister van MZS",
    ),
    "minister voor LZS": (
        "minister voor Langdurige Zorg en Sport",
        "minister van Langdurige Zorg en Sport",
        "minister van LZS",
        "minister voor Langdurige Zorg",
    ),
    "minister voor LJS": (
        "minister van Langdurige Zorg, Jeugd en Sport",
        "minister voor Langdurige Zorg, Jeugd en Sport",
        "minister van LJS",
    ),
    "staatssecretaris van VWS": (
        "staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "staatssecretaris van Volksgezondheid",
        "staatssecretaris",
    ),
    # The coalition agreement is the cabinet's own programme: its "afspraken" are the cabinet's;
    # so are its response, decision and position ("de kabinetsreactie volgt in het najaar").
    "kabinet": (
        "het kabinet",
        "dit kabinet",
        "regering",
        "Coalitieakkoord",
        "regeerakkoord",
        "het Rijk",
        "kabinetsreactie",
        "kabinetsreacties",
        "kabinetsbesluit",
        "kabinetsbesluiten",
        "kabinetsbesluitvorming",
        "kabinetsstandpunt",
    ),
}

# Collective actors: the parties of an agreement, the regions, whole professions or sectors.
# They are actors when they act, and mere mentions after a preposition ("in de regio").
GROUPS: dict[str, tuple[str, ...]] = {
    "IZA-partijen": (
        "IZA partijen",
        "IZA- partijen",
        "partijen",
        "alle partijen",
        "betrokken partijen",
        "partijen van het IZA",
        "IZA-partners",
        "akkoordpartijen",
        "ondertekenaars",
        "elke partij",
        "iedere partij",
    ),
    # The parties of the other agreements a letter reports on (tagging.tag names them too).
    "AZWA-partijen": ("AZWA partijen", "AZWA-partners"),
    "GALA-partijen": ("GALA partijen", "GALA-partners"),
    "HLO-partijen": ("HLO partijen", "HLO-partners"),
    "regio's": ("regio", "regio’s", "regios", "zorgregio's", "zorgregio’s"),
    "veldpartijen": ("veldpartij", "partijen in het veld"),
    # The care parties of one region together (aanbieders, verzekeraars, gemeenten), who draw up
    # its regioplan: not the agreement's parties as a whole.
    "regionale zorgpartijen": ("regionale zorgpartij",),
    "zorgverzekeraars": ("zorgverzekeraar", "verzekeraars", "zorginkopers", "zorginkoper"),
    "zorgaanbieders": ("zorgaanbieder", "aanbieders"),
    "gemeenten": ("gemeente",),
    # the regional health services themselves, not their association GGD GHOR NL
    "GGD'en": ("GGD’en", "GGD's"),
    "beroepsgroepen": ("beroepsgroep", "beroepsverenigingen", "wetenschappelijke verenigingen"),
    "medische beroepsgroepen": ("medische beroepsgroep",),
    "kennisinstituten": ("kennisinstituut",),
}

# Bodies named by a common noun: they act as the subject of their sentence ("De werkgroep
# stelt een handreiking op"), as collectives do; set up or met in, they are only named ("VWS
# stelt een werkgroep in", "in de werkgroep is besproken").
BODIES: dict[str, tuple[str, ...]] = {
    "werkgroep": ("werkgroepen",),
    "stuurgroep": ("stuurgroepen",),
    "regiegroep": ("regiegroepen",),
    "kerngroep": ("kerngroepen",),
    "projectgroep": ("projectgroepen",),
    "taskforce": ("taskforces",),
}

# Named only as the addressee of letters and promises, never as the one who commits.
PARLIAMENT: dict[str, tuple[str, ...]] = {
    "Tweede Kamer": ("uw Kamer", "de Kamer", "Kamer", "TK"),
}

# Abbreviations that mean an organisation only inside the responsibility column of a table
# (in running text "GGZ" is the sector, not the association).
TABLE_ALIASES: dict[str, str] = {"GGZ": "De Nederlandse GGZ", "PF": "Patientenfederatie"}
