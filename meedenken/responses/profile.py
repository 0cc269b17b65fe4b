"""The respondent profile's vocabularies: who responds, from which stakeholder group and sector."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ProfileData:
    """A respondent's profile as the respond flow saves it (and imports and the demo write)."""

    respondent_kind: str
    stakeholder_type: str
    organisation_name: str = ""
    company_size: str = ""
    sector: str = ""
    country: str = ""
    covenants: list[str] = field(default_factory=list)
    publication_consent: str = ""
    contact_consent: bool = False
    contact_email: str = ""
    publication_name: str = ""


class RespondentKind(models.TextChoices):
    ORGANISATION = "organisation", _("namens een organisatie")
    INDIVIDUAL = "individual", _("als persoon")


class StakeholderType(models.TextChoices):
    COMPANY = "company", _("bedrijf")
    SECTOR_ASSOCIATION = "sector_association", _("sector- of branchevereniging")
    NGO = "ngo", _("maatschappelijke organisatie (ngo)")
    TRADE_UNION = "trade_union", _("vakbond")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("kennisinstelling")
    GOVERNMENT_BODY = "government_body", _("overheidsorganisatie")
    COVENANT_PARTY = "covenant_party", _("convenantpartij")
    INDIVIDUAL = "individual", _("individu")
    OTHER = "other", _("anders")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("micro (minder dan 10 medewerkers)")
    SMALL = "small", _("klein (10 tot en met 49 medewerkers)")
    MEDIUM = "medium", _("middelgroot (50 tot en met 249 medewerkers)")
    LARGE = "large", _("groot (250 medewerkers of meer)")


class Sector(models.TextChoices):
    AGRI_FOOD = "agri_food", _("landbouw en voedingsmiddelen")
    TEXTILE = "textile", _("kleding en textiel")
    METALS_MINING = "metals_mining", _("metaal en mijnbouw")
    ENERGY = "energy", _("energie")
    FINANCIAL = "financial", _("financiële sector (banken, verzekeraars, pensioenfondsen)")
    FLORICULTURE = "floriculture", _("sierteelt")
    TIMBER = "timber", _("hout en bosbouw")
    NATURAL_STONE = "natural_stone", _("natuursteen")
    ELECTRONICS = "electronics", _("elektronica")
    CONSTRUCTION = "construction", _("bouw")
    CHEMICALS = "chemicals", _("chemie")
    LOGISTICS = "logistics", _("transport en logistiek")
    RETAIL = "retail", _("handel en retail")
    ICT = "ict", _("ICT")
    PUBLIC = "public", _("publieke sector")
    OTHER = "other", _("anders")


class PublicationConsent(models.TextChoices):
    WITH_NAME = "with_name", _("Publiceer mijn reactie met naam")
    ANONYMOUS = "anonymous", _("Publiceer mijn reactie anoniem")
    NONE = "none", _("Publiceer mijn reactie niet")


COVENANTS_CSV = Path(__file__).resolve().parent.parent / "core" / "data" / "covenants.csv"

# Translatable sector names of the covenants; the CSV's English `sector` is the fallback for new rows.
COVENANT_LABELS = {
    "NL-COV-2014-coal": _("Kolen (energieproducenten)"),
    "NL-COV-2016-textile": _("Kleding en textiel"),
    "NL-COV-2016-banking": _("Banken"),
    "NL-COV-2017-proteins": _("Plantaardige eiwitten"),
    "NL-COV-2017-forestry": _("Bosbeheer en hout"),
    "NL-COV-2017-gold": _("Goud"),
    "NL-COV-2018-food": _("Voedingsmiddelen"),
    "NL-COV-2018-insurance": _("Verzekeraars"),
    "NL-COV-2018-pensions": _("Pensioenfondsen"),
    "NL-COV-2019-naturalstone": _("Natuursteen"),
    "NL-COV-2019-metals": _("Metaal"),
    "NL-COV-2019-floriculture": _("Sierteelt"),
    "NL-COV-2023-renewables": _("Hernieuwbare energie (wind en zon)"),
}


@cache
def covenant_choices() -> list[tuple[str, StrOrPromise]]:
    """The Dutch IMVO sector covenants (shared/data/imvo/covenants.csv), by sector."""
    with COVENANTS_CSV.open(newline="", encoding="utf-8") as handle:
        return [
            (row["id"], COVENANT_LABELS.get(row["id"], row["sector"]))
            for row in csv.DictReader(handle)
        ]
