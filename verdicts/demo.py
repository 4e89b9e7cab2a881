"""Demo data from seeds/: the article, its claims, and verdicts in several states.

Everything is made through the services, so it carries real audit history.
Loading twice changes nothing. Used by `manage.py load_demo` (run by `make
run`), never by production settings.
"""

import json
import os
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.checklist import checklist_step_create
from claims.models import ChecklistStep, Claim
from claims.services import citation_create, claim_create, claim_transition, claimant_get_or_create
from factcheck.roles import ADMIN, EDITOR, JOURNALIST, sync_roles
from sources.capture import snapshot_record_file
from sources.extract import Extracted
from sources.models import Snapshot
from sources.services import source_get_or_create
from verdicts.services import verdict_create, verdict_transition
from verdicts.translations.services import translation_start, translation_transition, translation_update

SEEDS = Path(settings.BASE_DIR) / "seeds"
CLAIMS_FILE = SEEDS / "putin-biden-claims.json"

ORGANISATIONS = {
    "NV (New Voice of Ukraine)",
    "Conflict Intelligence Team (CIT)",
    "Moscow (Russian government)",
    "Kremlin",
}
ALIASES = {
    "Joe Biden": ["Biden", "U.S. President Joe Biden"],
    "Vladimir Putin": ["Putin", "Russian President Vladimir Putin"],
    "Kamala Harris": ["Harris", "U.S. Vice President Kamala Harris"],
    "Jen Psaki": ["Psaki", "White House press secretary Jen Psaki"],
    "Oleksiy Reznikov": ["Reznikov", "Ukrainian Defense Minister Oleksiy Reznikov"],
    "Conflict Intelligence Team (CIT)": ["CIT", "Conflict Intelligence Team"],
    "NV (New Voice of Ukraine)": ["NV", "New Voice of Ukraine"],
}

# Which demo claims to walk through which states (matched on the start of the claim).
PUBLISHED = "The Biden-Putin talks took place"
SUBMITTED = "As of early December 2021, about 100,000"
CHANGES_REQUESTED = "The United States is prepared to issue sanctions"
READY_TO_DRAFT = "The Kremlin has failed to back up"
DUPLICATE = ("Biden made clear that the United States", "The United States and its allies would impose")


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", "demo")


def _user(username: str, group: str, *, superuser: bool = False):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "is_superuser": superuser, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(demo_password())
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def _said_on(value: str | None) -> dict:
    if not value:
        return {}
    parts = value.split("-")
    precision = {1: Claim.DatePrecision.YEAR, 2: Claim.DatePrecision.MONTH, 3: Claim.DatePrecision.DAY}[len(parts)]
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    return {"said_on": date(*numbers), "said_on_precision": precision}


def _find(claims: list[Claim], start: str) -> Claim:
    return next(c for c in claims if c.text.startswith(start))


DEMO_CHECKLIST = ("Contacted the claimant", "Found the primary source", "Checked the date and the place")


def load_demo() -> dict:
    """Load the demo; returns counts. A second call finds it loaded and stops."""
    sync_roles()
    journalist = _user("journalist", JOURNALIST)
    editor = _user("editor", EDITOR)
    _user("admin", ADMIN, superuser=True)
    seed = json.loads(CLAIMS_FILE.read_text(encoding="utf-8"))
    with transaction.atomic():
        article, _ = source_get_or_create(
            url=seed["url"],
            actor=journalist,
            title=(SEEDS / seed["article"]).read_text(encoding="utf-8").splitlines()[0],
            publisher="NV (New Voice of Ukraine)",
        )
        if Claim.objects.filter(origin=article).exists():
            return {"loaded": False}
        if not article.snapshots.filter(status=Snapshot.Status.SUCCEEDED).exists():
            _capture_seed_file(article, seed)
        claims = [_claim(journalist, article, item) for item in seed["claims"]]
        _walk_workflows(claims, journalist, editor, article)
        claims += _publish_in_other_languages(journalist, editor, article)
        if not ChecklistStep.objects.exists():  # a newsroom's first checklist, for editors to adapt
            for label in DEMO_CHECKLIST:
                checklist_step_create(actor=editor, label=label)
    return {"loaded": True, "claims": len(claims)}


def _capture_seed_file(article, seed: dict) -> None:
    payload = (SEEDS / seed["article"]).read_bytes()
    text = payload.decode("utf-8")
    snapshot_record_file(
        source=article,
        payload=payload,
        content_type="text/plain; charset=utf-8",
        content=Extracted(
            text=text,
            title=text.splitlines()[0],
            published=date.fromisoformat(seed["published"]),
            extractor="seed-file",
            extractor_version="1",
            charset="utf-8",
        ),
    )


def _claim(journalist, article, item: dict) -> Claim:
    name = item["claimant"]
    claimant = claimant_get_or_create(
        actor=journalist,
        name=name,
        kind="organisation" if name in ORGANISATIONS else "person",
        aliases=ALIASES.get(name, []),
    )
    return claim_create(
        actor=journalist,
        text=item["text"],
        claimant=claimant,
        medium=item.get("medium") or "",
        cited_source=item.get("cited_source") or "",
        sentence=item["sentence"],
        origin=article,
        tags=["russia-ukraine", "sanctions"],
        **_said_on(item.get("said_on")),
    )


def _accept_and_cite(claim: Claim, journalist, editor, article) -> Claim:
    claim = claim_transition(
        claim_id=claim.pk,
        action="accept",
        actor=editor,
        expected_version=claim.lock_version,
        assignee_id=journalist.pk,
        comment="Check-worthy; please take it.",
    )
    citation_create(
        actor=journalist,
        claim_id=claim.pk,
        url=article.url,
        stance="context",
        quote=claim.sentence,
        note="The article the claim was found in.",
    )
    return claim


def _draft(claim: Claim, journalist, **content):
    return verdict_create(actor=journalist, claim_id=claim.pk, **content)


def _step(verdict, action: str, actor, comment: str = ""):
    return verdict_transition(
        verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version, comment=comment
    )


# The published English verdict, as its Ukrainian readers read it (/uk/verdicts/<id>/).
UKRAINIAN = {
    "headline": "Так: розмова Байдена і Путіна відбулася 30 грудня 2021 року",
    "summary": (
        "За обома урядовими повідомленнями про розмову, як їх наводить стаття, вона відбулася 30 грудня 2021 року."
    ),
    "explanation": (
        "Повідомлення Кремля (його передав ТАСС із посиланням на Юрія Ушакова) і заява Білого дому, яку "
        "оприлюднила Джен Псакі, обидва говорять про розмову 30 грудня.\n\n"
        "*Демонстраційні дані: так виглядає опублікований переклад вердикту.*"
    ),
}


def _translate(verdict, journalist, editor) -> None:
    """The journalist translates the published verdict into Ukrainian; the editor reviews and publishes it."""
    translation = translation_start(actor=journalist, verdict_id=verdict.pk, language="uk")
    translation = translation_update(
        translation_id=translation.pk, actor=journalist, expected_version=translation.lock_version, **UKRAINIAN
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        translation = translation_transition(
            translation_id=translation.pk, action=action, actor=actor, expected_version=translation.lock_version
        )


def _walk_workflows(claims: list[Claim], journalist, editor, article) -> None:
    published = _accept_and_cite(_find(claims, PUBLISHED), journalist, editor, article)
    verdict = _draft(
        published,
        journalist,
        rating="true",
        headline="Yes: the Biden-Putin call took place on 30 December 2021",
        summary="Both governments' accounts of the call, as the article reports them, place it on 30 December 2021.",
        explanation=(
            "The Kremlin's account (relayed by TASS, quoting Yuri Ushakov) and the White House statement "
            "by Jen Psaki both refer to the call of 30 December.\n\n"
            "*Demo data: this verdict shows how a published verdict looks in the workbench.*"
        ),
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = _step(verdict, action, actor)
    _translate(verdict, journalist, editor)

    submitted = _accept_and_cite(_find(claims, SUBMITTED), journalist, editor, article)
    verdict = _draft(
        submitted,
        journalist,
        rating="unsupported",
        headline="The 100,000 figure comes from Ukraine's defence minister alone",
        summary="The article attributes the figure to Oleksiy Reznikov and cites no independent count.",
        explanation="*Demo data: this verdict waits for an editor's review.*",
    )
    _step(verdict, "submit", journalist)

    sent_back = _accept_and_cite(_find(claims, CHANGES_REQUESTED), journalist, editor, article)
    verdict = _draft(
        sent_back,
        journalist,
        rating="true",
        headline="Harris did say it",
        summary="The quote matches the article's account of the CBS News interview.",
    )
    verdict = _step(verdict, "submit", journalist)
    _step(
        verdict,
        "request_changes",
        editor,
        "Cite the CBS News interview itself, not only the article that quotes it.",
    )

    _accept_and_cite(_find(claims, READY_TO_DRAFT), journalist, editor, article)

    duplicate, original = (_find(claims, start) for start in DUPLICATE)
    claim_transition(
        claim_id=duplicate.pk,
        action="mark_duplicate",
        actor=editor,
        expected_version=duplicate.lock_version,
        duplicate_of_id=original.pk,
        comment="Same warning, reported from the White House side.",
    )


# Claims typed in the newsroom's other languages (their language is read off their text), each
# with a verdict written and published in it: the readers' site shows them at /uk/ and /es/.
IN_OTHER_LANGUAGES = [
    {
        "claimant": "Moscow (Russian government)",
        "said_on": "2021-12",
        "text": "Київ планує повернути контроль над окупованими територіями військовим шляхом.",
        "rating": "unsupported",
        "headline": "Москва не навела жодного доказу цього звинувачення",
        "summary": "Як зазначає стаття NV, Кремль не підкріпив доказами жодного зі своїх звинувачень на адресу Києва.",
        "explanation": (
            "Москва неодноразово звинувачувала Україну в підготовці «провокацій» і в планах повернути "
            "окуповані території силою, але, як пише NV, не навела на підтвердження жодних доказів.\n\n"
            "*Демонстраційні дані: так виглядає опублікований вердикт українською.*"
        ),
    },
    {
        "claimant": "Kremlin",
        "said_on": "2021-12",
        "text": "Rusia no tiene previsto invadir Ucrania.",
        "rating": "misleading",
        "headline": "El Kremlin lo niega mientras concentra unos 100.000 soldados junto a la frontera",
        "summary": (
            "Según el ministro de Defensa ucraniano, a principios de diciembre había unos 100.000 soldados rusos "
            "desplegados cerca de la frontera; el Kremlin lo presenta como un asunto interno."
        ),
        "explanation": (
            "El artículo de NV recoge que Rusia lleva concentrando tropas en la frontera desde finales de octubre "
            "y que los medios internacionales especulan con una invasión a comienzos de 2022.\n\n"
            "*Datos de demostración: así se ve un veredicto publicado en español.*"
        ),
    },
]


def _publish_in_other_languages(journalist, editor, article) -> list[Claim]:
    claims = []
    for item in IN_OTHER_LANGUAGES:
        claimant = claimant_get_or_create(actor=journalist, name=item["claimant"], kind="organisation")
        claim = claim_create(
            actor=journalist, text=item["text"], claimant=claimant, tags=["russia-ukraine"], **_said_on(item["said_on"])
        )
        claim = _accept_and_cite(claim, journalist, editor, article)
        verdict = _draft(claim, journalist, **{k: item[k] for k in ("rating", "headline", "summary", "explanation")})
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = _step(verdict, action, actor)
        claims.append(claim)
    return claims
