"""Dutch (Blogger's wording as its Dutch interface writes it: "Anoniem", "reacties", "Labels")."""

from .record import Words

WORDS = Words(
    plural_rule="one-other",
    home="Startpagina",
    archive="Archief",
    labels="Labels",
    orphans="Verweesde reacties",
    drafts="Concepten",
    about="Over dit archief",
    labels_lead="Labels:",
    originally="Oorspronkelijk gepubliceerd op",
    newer_post="← Nieuwer: {title}",
    older_post="Ouder: {title} →",
    pages_lead="Pagina's:",
    no_posts="Geen berichten.",
    newer_posts="← Nieuwere berichten",
    older_posts="Oudere berichten →",
    untitled="(zonder titel)",
    untitled_blog="Blog",
    comments={"zero": "Geen reacties", "one": "{n} reactie", "other": "{n} reacties"},
    label_heading="Label: {label}",
    drafts_heading="Concepten en ongepubliceerde berichten",
    no_labels="Geen labels.",
    pages="Pagina's",
    no_dated_posts="Geen gedateerde berichten.",
    page_heading="{title} — pagina {n}",
    statuses={"draft": "concept", "scheduled": "gepland", "trashed": "in de prullenbak"},
    footer="Een offline archief van {title}, geschreven door blogport {version}.",
    footer_with_url="Een offline archief van {title} ({url}), geschreven door blogport {version}.",
    anonymous="Anoniem",
    blog_author="(auteur van de blog)",
    comment_removed="Deze reactie is verwijderd.",
    deeper_replies={
        "one": "Nog {n} reactie, dieper in deze discussie",
        "other": "Nog {n} reacties, dieper in deze discussie",
    },
    orphans_lead=(
        "Deze reacties horen bij berichten die niet in de invoer staan. Ze worden hier met hun antwoorden bewaard."
    ),
    on_post="Bij bericht {post}",
    on_post_with_url="Bij bericht {post} ({url})",
    about_lead=(
        "Dit is een offline kopie van de blog {title}, geschreven door blogport {version} uit invoer in de "
        "indeling {format}. Er is geen netwerk, script of server nodig: elke pagina opent vanaf de schijf."
    ),
    about_lead_with_url=(
        "Dit is een offline kopie van de blog {title}, vroeger op {url}, geschreven door blogport {version} uit "
        "invoer in de indeling {format}. Er is geen netwerk, script of server nodig: elke pagina opent vanaf de "
        "schijf."
    ),
    provenance="Herkomst",
    input_format="Invoerindeling: {format}",
    source_file="Bronbestand: {file}",
    exported="Geëxporteerd of vastgelegd: {time}",
    written_by="Geschreven door: blogport {version}",
    counts="Aantallen",
    figures={
        "posts": "berichten",
        "pages": "pagina's",
        "published": "gepubliceerd",
        "drafts": "concepten",
        "scheduled": "gepland",
        "trashed": "in de prullenbak",
        "comments": "reacties",
        "replies": "antwoorden",
        "deleted_comments": "verwijderde reacties",
        "orphan_comments": "verweesde reacties",
        "max_thread_depth": "diepste antwoord",
        "labels": "labels",
        "authors": "auteurs",
        "files": "bestanden in deze site",
    },
    warnings="Waarschuwingen",
    no_warnings="Geen.",
    missing_posts="Links naar berichten die niet in dit archief staan",
    links={"one": "{n} link", "other": "{n} links"},
    remote_images="Externe afbeeldingen",
    remote_images_lead="Deze afbeeldingen worden nog steeds van hun oorspronkelijke servers geladen.",
)
