"""German (Blogger's wording where its pages show it: "Kommentare", "Anonym", "Labels:")."""

from .record import Words

WORDS = Words(
    plural_rule="one-other",
    home="Startseite",
    archive="Archiv",
    labels="Labels",
    orphans="Verwaiste Kommentare",
    drafts="Entwürfe",
    about="Über dieses Archiv",
    labels_lead="Labels:",
    originally="Ursprünglich veröffentlicht unter",
    newer_post="← Neuer: {title}",
    older_post="Älter: {title} →",
    pages_lead="Seiten:",
    no_posts="Keine Posts.",
    newer_posts="← Neuere Posts",
    older_posts="Ältere Posts →",
    untitled="(ohne Titel)",
    untitled_blog="Blog",
    comments={"zero": "Keine Kommentare", "one": "{n} Kommentar", "other": "{n} Kommentare"},
    label_heading="Label: {label}",
    drafts_heading="Entwürfe und unveröffentlichte Posts",
    no_labels="Keine Labels.",
    pages="Seiten",
    no_dated_posts="Keine datierten Posts.",
    page_heading="{title} — Seite {n}",
    statuses={"draft": "Entwurf", "scheduled": "geplant", "trashed": "im Papierkorb"},
    footer="Ein Offline-Archiv von {title}, erstellt mit blogport {version}.",
    footer_with_url="Ein Offline-Archiv von {title} ({url}), erstellt mit blogport {version}.",
    anonymous="Anonym",
    blog_author="(Autor des Blogs)",
    comment_removed="Dieser Kommentar wurde entfernt.",
    deeper_replies={
        "one": "{n} weitere Antwort, tiefer in dieser Diskussion",
        "other": "{n} weitere Antworten, tiefer in dieser Diskussion",
    },
    orphans_lead=(
        "Diese Kommentare gehören zu Posts, die nicht in der Eingabe enthalten sind. "
        "Sie werden hier mit ihren Antworten aufbewahrt."
    ),
    on_post="Zum Post {post}",
    on_post_with_url="Zum Post {post} ({url})",
    about_lead=(
        "Dies ist eine Offline-Kopie des Blogs {title}, erstellt mit blogport {version} aus einer Eingabe im "
        "Format {format}. Sie braucht kein Netzwerk, kein Skript und keinen Server: Jede Seite öffnet sich "
        "direkt vom Datenträger."
    ),
    about_lead_with_url=(
        "Dies ist eine Offline-Kopie des Blogs {title}, einst unter {url}, erstellt mit blogport {version} aus "
        "einer Eingabe im Format {format}. Sie braucht kein Netzwerk, kein Skript und keinen Server: Jede Seite "
        "öffnet sich direkt vom Datenträger."
    ),
    provenance="Herkunft",
    input_format="Eingabeformat: {format}",
    source_file="Quelldatei: {file}",
    exported="Exportiert oder erfasst: {time}",
    written_by="Erstellt mit: blogport {version}",
    counts="Zahlen",
    figures={
        "posts": "Posts",
        "pages": "Seiten",
        "published": "veröffentlicht",
        "drafts": "Entwürfe",
        "scheduled": "geplant",
        "trashed": "im Papierkorb",
        "comments": "Kommentare",
        "replies": "Antworten",
        "deleted_comments": "gelöschte Kommentare",
        "orphan_comments": "verwaiste Kommentare",
        "max_thread_depth": "tiefste Antwort",
        "labels": "Labels",
        "authors": "Autoren",
        "files": "Dateien dieser Website",
    },
    warnings="Warnungen",
    no_warnings="Keine.",
    missing_posts="Links zu Posts, die nicht in diesem Archiv sind",
    links={"one": "{n} Link", "other": "{n} Links"},
    remote_images="Externe Bilder",
    remote_images_lead="Diese Bilder werden weiterhin von ihren ursprünglichen Servern geladen.",
)
