from __future__ import annotations

from meedenken.sensemaking.text.campaigns import CampaignDetector, campaign_of, normalise

CAMPAIGN = (
    "Wij vinden dat de overheid bedrijven moet verplichten om gepaste zorgvuldigheid toe te "
    "passen in hun hele keten, want vrijwillige afspraken werken niet."
)


def test_identical_and_near_identical_answers_form_one_campaign() -> None:
    texts = [
        "Iets heel anders over kinderarbeid in de cacaosector en de rol van de convenanten.",
        CAMPAIGN,
        CAMPAIGN.upper(),
        CAMPAIGN.replace("werken niet", "werken helemaal niet"),
        "Mijn naam is Piet. " + CAMPAIGN,
        "Nog een ander antwoord over het steunpunt en de fondsen voor ondernemers in het mkb.",
    ]
    campaigns = CampaignDetector().detect(texts)
    assert len(campaigns) == 1
    campaign = campaigns[0]
    assert campaign.member_indices == (1, 2, 3, 4)
    assert campaign.size == 4
    assert campaign.identical_count == 2
    assert campaign.canonical_text == CAMPAIGN
    assert campaign_of(campaigns, len(texts)) == [None, *["campaign-1"] * 4, None]


def test_short_answers_and_different_answers_are_not_campaigns() -> None:
    texts = [
        "Ja",
        "ja",
        "Eens.",
        "Eens",
        "Het convenant werkt goed voor de textielsector.",
        "De NCP is traag en onbekend bij ondernemers.",
    ]
    assert CampaignDetector().detect(texts) == ()


def test_detection_is_deterministic_and_sorted_by_size() -> None:
    other = (
        "Het steunpunt helpt kleine bedrijven nauwelijks met hun ketenonderzoek en dat moet beter."
    )
    texts = [other, CAMPAIGN, other, CAMPAIGN, CAMPAIGN]
    first = CampaignDetector(seed=3).detect(texts)
    assert first == CampaignDetector(seed=3).detect(texts)
    assert [c.size for c in first] == [3, 2]
    assert first[0].canonical_index == 1


def test_normalise() -> None:
    assert normalise("  Hallo,   WERELD!! ") == "hallo wereld"
