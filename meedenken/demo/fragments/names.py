"""Vocabulary for demo respondent profiles: fictitious organisation names, sectors, countries.

All organisation names are invented; any likeness to a real organisation is accidental.
"""

from __future__ import annotations

# sector value -> (Dutch phrase, English phrase) used in answers
SECTOR_PHRASES: dict[str, tuple[str, str]] = {
    "agri_food": ("de voedingsmiddelensector", "the food sector"),
    "textile": ("de kleding- en textielsector", "the garment and textile sector"),
    "metals_mining": ("de metaalsector", "the metals sector"),
    "energy": ("de energiesector", "the energy sector"),
    "financial": ("de financiële sector", "the financial sector"),
    "floriculture": ("de sierteelt", "floriculture"),
    "timber": ("de houtsector", "the timber sector"),
    "natural_stone": ("de natuursteensector", "the natural stone sector"),
    "electronics": ("de elektronicasector", "the electronics sector"),
    "construction": ("de bouw", "construction"),
    "chemicals": ("de chemie", "the chemical industry"),
    "logistics": ("transport en logistiek", "transport and logistics"),
    "retail": ("de detailhandel", "retail"),
    "ict": ("de ICT-sector", "the ICT sector"),
    "public": ("de publieke sector", "the public sector"),
    "other": ("onze branche", "our industry"),
}

# sector value -> covenant ids (meedenken/core/data/covenants.csv) that fit it
SECTOR_COVENANTS: dict[str, tuple[str, ...]] = {
    "agri_food": ("NL-COV-2018-food", "NL-COV-2017-proteins"),
    "textile": ("NL-COV-2016-textile",),
    "metals_mining": ("NL-COV-2019-metals", "NL-COV-2017-gold"),
    "energy": ("NL-COV-2023-renewables", "NL-COV-2014-coal"),
    "financial": ("NL-COV-2016-banking", "NL-COV-2018-insurance", "NL-COV-2018-pensions"),
    "floriculture": ("NL-COV-2019-floriculture",),
    "timber": ("NL-COV-2017-forestry",),
    "natural_stone": ("NL-COV-2019-naturalstone",),
    "electronics": ("NL-COV-2017-gold",),
    "retail": ("NL-COV-2016-textile", "NL-COV-2018-food"),
}

# sector value -> (weight among companies, countries the sector typically sources from)
SECTOR_SOURCING: dict[str, tuple[int, tuple[str, ...]]] = {
    "textile": (16, ("BD", "IN", "TR", "CN", "PK", "VN")),
    "agri_food": (16, ("CI", "GH", "BR", "ID", "VN", "ET")),
    "metals_mining": (9, ("CD", "PE", "ZA", "CN", "BR")),
    "financial": (8, ("ID", "BR", "CO", "IN")),
    "floriculture": (7, ("KE", "ET", "CO", "UG")),
    "timber": (5, ("BR", "ID", "CM", "MY")),
    "natural_stone": (5, ("IN", "CN", "TR", "VN")),
    "energy": (6, ("CO", "ZA", "CN", "CL")),
    "electronics": (7, ("CN", "MY", "VN", "CD")),
    "retail": (8, ("CN", "BD", "IN", "TR")),
    "construction": (4, ("CN", "TR", "IN")),
    "chemicals": (3, ("CN", "IN")),
    "logistics": (3, ("CN", "TR")),
    "ict": (3, ("IN", "CN", "VN")),
}

# ISO code -> (Dutch name, English name)
COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    "BD": ("Bangladesh", "Bangladesh"),
    "BR": ("Brazilië", "Brazil"),
    "CD": ("Congo", "the DR Congo"),
    "CI": ("Ivoorkust", "Côte d'Ivoire"),
    "CL": ("Chili", "Chile"),
    "CM": ("Kameroen", "Cameroon"),
    "CN": ("China", "China"),
    "CO": ("Colombia", "Colombia"),
    "ET": ("Ethiopië", "Ethiopia"),
    "GH": ("Ghana", "Ghana"),
    "ID": ("Indonesië", "Indonesia"),
    "IN": ("India", "India"),
    "KE": ("Kenia", "Kenya"),
    "MY": ("Maleisië", "Malaysia"),
    "PE": ("Peru", "Peru"),
    "PK": ("Pakistan", "Pakistan"),
    "TR": ("Turkije", "Turkey"),
    "UG": ("Oeganda", "Uganda"),
    "VN": ("Vietnam", "Vietnam"),
    "ZA": ("Zuid-Afrika", "South Africa"),
    "BE": ("België", "Belgium"),
    "DE": ("Duitsland", "Germany"),
    "GB": ("het Verenigd Koninkrijk", "the United Kingdom"),
    "FR": ("Frankrijk", "France"),
}

# Where respondents abroad are based; European neighbours answer too.
ABROAD_COUNTRIES: tuple[str, ...] = (
    "BD", "IN", "PK", "CN", "VN", "TR", "GH", "CI", "ET", "KE", "UG", "ID", "BR", "CO", "PE",
    "ZA", "BE", "DE", "GB", "FR",
)  # fmt: skip

# laws.csv jurisdictions a respondent based in a country is likely to know (countries_known).
HOME_JURISDICTION: dict[str, str] = {
    "FR": "france",
    "DE": "germany",
    "GB": "united_kingdom",
    "BE": "european_union",
}

SURNAMES = (
    "Van Dijk", "De Boer", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "De Groot", "Bos",
    "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Van Leeuwen", "Jansen", "Kok", "Prins",
)  # fmt: skip
COMPANY_WORDS: dict[str, tuple[str, ...]] = {
    "textile": ("Textiel", "Fashion", "Kleding", "Workwear"),
    "agri_food": ("Foods", "Cacao", "Specerijen", "Koffie", "Noten"),
    "metals_mining": ("Metaal", "Metals", "Staal"),
    "financial": ("Capital", "Vermogensbeheer", "Invest"),
    "floriculture": ("Flowers", "Kwekerij", "Plants"),
    "timber": ("Hout", "Timber", "Meubelen"),
    "natural_stone": ("Natuursteen", "Stone", "Graniet"),
    "energy": ("Energie", "Solar", "Wind"),
    "electronics": ("Electronics", "Tech", "Components"),
    "retail": ("Retail", "Warenhuis", "Webshop"),
    "construction": ("Bouw", "Infra"),
    "chemicals": ("Chemie", "Coatings"),
    "logistics": ("Logistiek", "Cargo"),
    "ict": ("Software", "IT"),
}
LEGAL_FORMS = ("B.V.", "B.V.", "B.V.", "N.V.", "V.O.F.")
ABROAD_LEGAL_FORMS = ("Ltd.", "Pvt. Ltd.", "S.A.", "Co., Ltd.")
PLACES = (
    "Oostervaart", "Lindewijk", "Zuiderhaven", "Bergeloo", "Westerdam", "Kleiburg", "Noordveen",
)  # fmt: skip

NGO_NAMES = (
    "Stichting Eerlijke Keten", "Stichting Kind en Werk", "Groene Handel Nederland",
    "Stichting Rechtvaardige Mijnbouw", "Platform Arbeid Wereldwijd", "Stichting Schone Rivieren",
    "Fair Work Alliance", "Stichting Landrechten Nu", "Werkgroep Eerlijk Loon",
)  # fmt: skip
UNION_NAMES = (
    "Bond voor Ketenwerkers", "Vakbond Internationale Solidariteit", "Algemene Werknemersbond",
    "Bond Industrie en Handel", "Garment Workers' Federation",
)  # fmt: skip
KNOWLEDGE_NAMES = (
    "Kenniscentrum Ketenverantwoordelijkheid", "Instituut voor Handel en Mensenrechten",
    "Lectoraat Duurzame Handel, Hogeschool {place}", "Universiteit {place}, leerstoel Business "
    "and Human Rights", "Onderzoeksbureau Ketenzicht",
)  # fmt: skip
GOVERNMENT_NAMES = (
    "Gemeente {place}", "Provincie Noordveen", "Waterschap {place}",
    "Inkoopsamenwerking Gemeenten {place}",
)  # fmt: skip
ASSOCIATION_NAMES = (
    "Vereniging Handel in {word}", "Branchevereniging {word} Nederland", "Federatie {word}",
)  # fmt: skip
COVENANT_PARTY_NAMES = (
    "Platform Duurzaam {word}", "Stichting Ketenoverleg {word}", "Werkgroep Convenant {word}",
)  # fmt: skip
OTHER_NAMES = (
    "Adviesbureau Ketenwerk", "Certificeringsinstituut {place}", "Coöperatie Eerlijk {word}",
    "Keurmerkstichting {word}",
)  # fmt: skip

# sector value -> a word for the names of companies abroad
ABROAD_COMPANY_WORDS: dict[str, str] = {
    "textile": "Garments",
    "agri_food": "Agro Exports",
    "metals_mining": "Minerals",
    "floriculture": "Flower Farms",
    "timber": "Timber",
    "natural_stone": "Stone Works",
    "electronics": "Components",
    "energy": "Power",
    "financial": "Finance",
}
ABROAD_NGO_NAMES = (
    "{country} Workers' Rights Centre", "Community Action Network {country}",
    "{country} Coalition for Fair Supply Chains",
)  # fmt: skip
ABROAD_UNION_NAMES = (
    "{country} Federation of Industrial Workers",
    "{country} Garment Workers Union",
)

# covenant id (core/data/covenants.csv) -> how respondents name it, in Dutch and English
COVENANT_NAMES: dict[str, tuple[str, str]] = {
    "NL-COV-2014-coal": ("het steenkoolconvenant", "the coal covenant"),
    "NL-COV-2016-textile": (
        "het Convenant Duurzame Kleding en Textiel",
        "the Agreement on Sustainable Garments and Textile",
    ),
    "NL-COV-2016-banking": ("het bankenconvenant", "the Banking Sector Agreement"),
    "NL-COV-2017-proteins": (
        "het convenant plantaardige eiwitten",
        "the vegetable proteins agreement",
    ),
    "NL-COV-2017-forestry": (
        "het convenant duurzaam bosbeheer",
        "the sustainable forest management agreement",
    ),
    "NL-COV-2017-gold": ("het goudconvenant", "the Responsible Gold Agreement"),
    "NL-COV-2018-food": ("het convenant voedingsmiddelen", "the Food Products Agreement"),
    "NL-COV-2018-insurance": ("het verzekeraarsconvenant", "the insurance sector agreement"),
    "NL-COV-2018-pensions": ("het pensioenfondsenconvenant", "the pension funds agreement"),
    "NL-COV-2019-naturalstone": ("het TruStone-initiatief", "the TruStone Initiative"),
    "NL-COV-2019-metals": ("het metaalconvenant", "the Metals Sector Agreement"),
    "NL-COV-2019-floriculture": ("het sierteeltconvenant", "the floriculture agreement"),
    "NL-COV-2023-renewables": (
        "het convenant hernieuwbare energie",
        "the renewable energy agreement",
    ),
}
