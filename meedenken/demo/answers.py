"""Compose one demo respondent's answers from the persona's opinions and the fragment banks."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from meedenken.demo.personas import Persona, clip, persona_data, weighted_choice
from meedenken.demo.vocabulary import (
    Fragment,
    Sentence,
    campaigns,
    consultation_data,
    fragments,
    names,
)
from meedenken.responses.profile import StakeholderType

OPEN_TEXT = "open_text"  # QuestionKind.OPEN_TEXT; this module does not import Django models


def open_keys() -> tuple[str, ...]:
    """The open questions in the order of the form; an opener goes before the first answered."""
    return tuple(q.key for q in consultation_data().questions() if q.kind == OPEN_TEXT)


def required_open_keys() -> tuple[str, ...]:
    return tuple(
        q.key for q in consultation_data().questions() if q.kind == OPEN_TEXT and q.required
    )


@dataclass(frozen=True)
class DemoAnswer:
    text: str = ""
    values: tuple[str, ...] = ()
    scale: int | None = None


@dataclass
class AnswerSheet:
    """Answers being composed for one respondent (mutable while composing only)."""

    persona: Persona
    rng: random.Random
    organisation_name: str
    answers: dict[str, DemoAnswer] = field(default_factory=dict)

    def fill(self, fragment: Fragment) -> str:
        persona, language = self.persona, self.persona.language
        index = 0 if language == "nl" else 1  # position in the (Dutch, English) name pairs
        staff = f"{persona.staff:,}".replace(",", "." if language == "nl" else ",")
        vocabulary = names()
        covenant = vocabulary.covenant_names[persona.covenants[0]] if persona.covenants else ""
        return fragment.text(language).format(
            sector=vocabulary.sector_phrases[persona.sector or "other"][index],
            staff=staff,
            members=staff,
            country=vocabulary.country_names[persona.focus_country][index],
            org=self.organisation_name,
            covenant=covenant[index] if covenant else "",
        )

    def eligible(self, fragments: tuple[Fragment, ...]) -> list[Fragment]:
        # Without a known sector, "{sector}" would read "onze branche"; skip such sentences.
        vague = self.persona.sector in ("", "other")
        return [
            f
            for f in fragments
            if (not f.audience or f.audience in self.persona.tags)
            and not (vague and "{sector}" in f.nl)
        ]

    def scale(self, centre: float, spread: float = 0.7) -> int:
        return round(clip(self.rng.gauss(centre, spread), 1, 5))


def compose_answers(
    persona: Persona, rng: random.Random, organisation_name: str
) -> dict[str, DemoAnswer]:
    sheet = AnswerSheet(persona, rng, organisation_name)
    if persona.campaign == campaigns().ngo.slug:
        add_ngo_campaign_answers(sheet)
    elif persona.campaign == campaigns().association.slug:
        add_association_template_answers(sheet)
    else:
        add_closed_answers(sheet)
        add_open_answers(sheet)
    return sheet.answers


def stance(sheet: AnswerSheet, key: str) -> str:
    by_covenants = key in fragments().stance_from_covenant_view
    latent = sheet.persona.covenant_view if by_covenants else sheet.persona.regulation
    latent += sheet.rng.gauss(0, 0.15)
    if latent > 0.2:
        return "pro"
    if latent < -0.2:
        return "contra"
    return "mixed"


def compose_open_text(sheet: AnswerSheet, key: str) -> str:
    bank = fragments().open_answers[key]
    position = stance(sheet, key)
    chosen = bank["pro"] + bank["contra"] if position == "mixed" else bank[position]
    pool = sheet.eligible(chosen + bank["any"])
    sizes = (1, 2, 2, 3, 3) if key == "proposals" else (1, 1, 2, 2, 2, 3)
    size = min(len(pool), sheet.rng.choice(sizes))
    return " ".join(sheet.fill(fragment) for fragment in sheet.rng.sample(pool, size))


def add_open_answers(sheet: AnswerSheet) -> None:
    persona, rng = sheet.persona, sheet.rng
    needs_opener = rng.random() < 0.45  # some respondents introduce themselves, once
    short_answer_chance = 0.06 if persona.stakeholder_type == StakeholderType.INDIVIDUAL else 0.02
    knows_covenants = sheet.answers["covenant_experience"].values[0] != "unknown"
    voices, required = fragments(), required_open_keys()
    for key in open_keys():
        chance = persona.engagement
        if key.startswith("covenants_") and not knows_covenants:
            chance *= 0.25
        if key.startswith("child_labour_") and persona.sector == "financial":
            chance *= 0.5
        if key not in required and rng.random() >= chance:
            continue
        if key not in required and rng.random() < short_answer_chance:
            sheet.answers[key] = DemoAnswer(text=sheet.fill(rng.choice(voices.short_answers)))
            continue
        text = compose_open_text(sheet, key)
        openers = sheet.eligible(voices.openers)
        if needs_opener and openers:
            text = f"{sheet.fill(rng.choice(openers))} {text}"
            needs_opener = False
        if key == "proposals" and rng.random() < 0.25:
            text = f"{text} {sheet.fill(rng.choice(sheet.eligible(voices.closers)))}"
        sheet.answers[key] = DemoAnswer(text=text)


def add_closed_answers(sheet: AnswerSheet) -> None:
    persona, rng = sheet.persona, sheet.rng
    experience = covenant_experience(sheet)
    sheet.answers["covenant_experience"] = DemoAnswer(values=(experience,))
    if experience != "unknown" and rng.random() < 0.85:
        sheet.answers["covenant_effect"] = DemoAnswer(
            scale=sheet.scale(3 + 1.6 * persona.covenant_view)
        )
    if rng.random() < persona.engagement * (0.4 if "individual" in persona.tags else 1.0):
        sheet.answers["support_used"] = DemoAnswer(values=support_used(sheet))
    sheet.answers["mandatory_needed"] = DemoAnswer(scale=sheet.scale(3 + 2 * persona.regulation))
    if rng.random() < 0.85:
        sheet.answers["regulation_level"] = DemoAnswer(values=(regulation_level(sheet),))
    if rng.random() < 0.2 + 0.7 * persona.engagement:
        sheet.answers["instrument_ranking"] = DemoAnswer(values=instrument_ranking(sheet))
    known = countries_known(sheet)
    if known and rng.random() < 0.3 + 0.7 * persona.engagement:
        sheet.answers["countries_known"] = DemoAnswer(values=known)
    if rng.random() < 0.3 + 0.7 * persona.engagement:
        sheet.answers["obstacles_experienced"] = DemoAnswer(values=obstacles(sheet))
    if rng.random() < 0.75:
        advantage = 3 + 0.8 * persona.regulation + (0.5 if "large" in persona.tags else 0)
        sheet.answers["rbc_advantage"] = DemoAnswer(scale=sheet.scale(advantage, 0.9))
    if rng.random() < 0.25 + 0.6 * persona.engagement:
        sheet.answers["child_labour_needs"] = DemoAnswer(values=child_labour_needs(sheet))
    if "business" in persona.tags or persona.stakeholder_type == StakeholderType.COVENANT_PARTY:
        size = persona_data().company_sizes.get(persona.company_size)
        readiness = size.readiness if size else 2.6
        if rng.random() < 0.8:
            sheet.answers["child_labour_readiness"] = DemoAnswer(scale=sheet.scale(readiness))


def covenant_experience(sheet: AnswerSheet) -> str:
    if sheet.persona.covenants:
        return "party"
    return weighted_choice(sheet.rng, choice_weights("covenant_experience", sheet.persona.tags))


def sample_weighted(rng: random.Random, weights: dict[str, float], count: int) -> tuple[str, ...]:
    """Up to `count` distinct keys, drawn by weight, in form order."""
    remaining = dict(weights)
    picked: list[str] = []
    while remaining and len(picked) < count:
        keys = list(remaining)
        key = rng.choices(keys, weights=[remaining[k] for k in keys])[0]
        picked.append(key)
        del remaining[key]
    order = list(weights)
    return tuple(sorted(picked, key=order.index))


def choice_weights(question: str, tags: frozenset[str]) -> dict[str, float]:
    """The weight of each choice for a respondent with `tags` (personas.json)."""
    rules = persona_data().choice_weights[question]
    return {
        value: next((weight for tag, weight in rule.items() if tag in tags), rule["else"])
        for value, rule in rules.items()
    }


def support_used(sheet: AnswerSheet) -> tuple[str, ...]:
    weights = choice_weights("support_used", sheet.persona.tags)
    if sheet.rng.random() < (0.45 if "individual" in sheet.persona.tags else 0.12):
        return ("none",)
    return sample_weighted(sheet.rng, weights, sheet.rng.randint(1, 3))


def regulation_level(sheet: AnswerSheet) -> str:
    rng = sheet.rng
    if rng.random() < 0.04:
        return "no_opinion"
    latent = sheet.persona.regulation + rng.gauss(0, 0.3)
    if latent > 0.55:
        return "national_then_eu"
    if latent > 0.15:
        return rng.choice(("eu", "national_if_eu_fails"))
    if latent > -0.3:
        return "eu"
    return "voluntary" if rng.random() < 0.6 else "eu"


def instrument_ranking(sheet: AnswerSheet) -> tuple[str, ...]:
    persona, rng = sheet.persona, sheet.rng
    scores = {
        "due_diligence_law": 1.5 * persona.regulation,
        "sector_agreements": persona.covenant_view,
        "support_conditions": 0.3,
        "information_support": -persona.regulation + (0.4 if "sme" in persona.tags else 0),
        "public_procurement": 0.2 + (0.8 if "government_body" in persona.tags else 0),
    }
    noisy = {key: score + rng.gauss(0, 0.6) for key, score in scores.items()}
    return tuple(sorted(noisy, key=lambda key: (-noisy[key], key)))


def countries_known(sheet: AnswerSheet) -> tuple[str, ...]:
    persona, rng = sheet.persona, sheet.rng
    factor = (
        1.5
        if "large" in persona.tags
        else persona_data().types[persona.stakeholder_type].law_awareness
    )
    home = names().home_jurisdiction.get(persona.country, "")
    return tuple(
        key
        for key, chance in persona_data().country_awareness.items()
        if key == home or rng.random() < min(0.95, chance * factor)
    )


def obstacles(sheet: AnswerSheet) -> tuple[str, ...]:
    weights = choice_weights("obstacles_experienced", sheet.persona.tags)
    return sample_weighted(sheet.rng, weights, sheet.rng.randint(1, 3))


def child_labour_needs(sheet: AnswerSheet) -> tuple[str, ...]:
    weights = choice_weights("child_labour_needs", sheet.persona.tags)
    weights["eu_alignment"] += max(0.0, -sheet.persona.regulation) * 3  # against binding rules
    return sample_weighted(sheet.rng, weights, sheet.rng.randint(1, 3))


def vary_template(
    sheet: AnswerSheet, sentences: tuple[Sentence, ...], swaps: tuple[tuple[str, str], ...]
) -> str:
    """A campaign text with small variations: optional sentences dropped, a word swapped."""
    rng = sheet.rng
    kept = [sheet.fill(f) for f in sentences if not (f.optional and rng.random() < 0.3)]
    text = " ".join(kept)
    for old, new in swaps:
        if old in text and rng.random() < 0.25:
            text = text.replace(old, new)
    return text


def add_ngo_campaign_answers(sheet: AnswerSheet) -> None:
    rng, campaign = sheet.rng, campaigns().ngo
    proposal = vary_template(sheet, campaign.proposal, campaign.word_swaps)
    if rng.random() < 0.5:
        personal = sheet.fill(rng.choice(campaign.personal_lines))
        proposal = f"{personal} {proposal}" if rng.random() < 0.6 else f"{proposal} {personal}"
    experience = "aware" if rng.random() < 0.45 else "unknown"
    sheet.answers["covenant_experience"] = DemoAnswer(values=(experience,))
    if experience == "aware" and rng.random() < 0.5 and campaign.covenants:
        sheet.answers["covenants_works"] = DemoAnswer(text=sheet.fill(campaign.covenants))
    sheet.answers["mandatory_needed"] = DemoAnswer(scale=5 if rng.random() < 0.85 else 4)
    if rng.random() < 0.75:
        sheet.answers["regulation_level"] = DemoAnswer(values=("national_then_eu",))
    sheet.answers["playing_field_better"] = DemoAnswer(text=sheet.fill(campaign.playing_field))
    sheet.answers["proposals"] = DemoAnswer(text=proposal)


def add_association_template_answers(sheet: AnswerSheet) -> None:
    rng, campaign = sheet.rng, campaigns().association
    proposal = vary_template(sheet, campaign.proposal, campaign.word_swaps)
    if rng.random() < 0.5 and campaign.opener:
        proposal = f"{sheet.fill(campaign.opener)} {proposal}"
    experience = "considered" if rng.random() < 0.5 else "aware"
    sheet.answers["covenant_experience"] = DemoAnswer(values=(experience,))
    sheet.answers["support_used"] = DemoAnswer(values=("sector_association",))
    sheet.answers["mandatory_needed"] = DemoAnswer(scale=rng.choice((2, 2, 3)))
    sheet.answers["regulation_level"] = DemoAnswer(values=("eu",))
    if rng.random() < 0.7:
        sheet.answers["obstacles_experienced"] = DemoAnswer(
            values=("limited_leverage", "costs", "fragmented_rules")
        )
    playing_field = sheet.fill(campaign.playing_field)
    sheet.answers["playing_field_better"] = DemoAnswer(text=playing_field)
    sheet.answers["proposals"] = DemoAnswer(text=proposal)
