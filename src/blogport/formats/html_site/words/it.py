"""Italian (Blogger's wording as its Italian interface writes it: "Anonimo", "Etichette")."""

from .record import Words

WORDS = Words(
    plural_rule="one-other",
    home="Home page",
    archive="Archivio",
    labels="Etichette",
    orphans="Commenti orfani",
    drafts="Bozze",
    about="Informazioni su questo archivio",
    labels_lead="Etichette:",
    originally="Pubblicato originariamente su",
    newer_post="← Più recente: {title}",
    older_post="Meno recente: {title} →",
    pages_lead="Pagine:",
    no_posts="Nessun post.",
    newer_posts="← Post più recenti",
    older_posts="Post più vecchi →",
    untitled="(senza titolo)",
    untitled_blog="Blog",
    comments={"zero": "Nessun commento", "one": "{n} commento", "other": "{n} commenti"},
    label_heading="Etichetta: {label}",
    drafts_heading="Bozze e post non pubblicati",
    no_labels="Nessuna etichetta.",
    pages="Pagine",
    no_dated_posts="Nessun post con data.",
    page_heading="{title} — pagina {n}",
    statuses={"draft": "bozza", "scheduled": "programmato", "trashed": "nel cestino"},
    footer="Un archivio offline di {title}, scritto da blogport {version}.",
    footer_with_url="Un archivio offline di {title} ({url}), scritto da blogport {version}.",
    anonymous="Anonimo",
    blog_author="(autore del blog)",
    comment_removed="Questo commento è stato eliminato.",
    deeper_replies={
        "one": "{n} altra risposta, più in profondità in questa discussione",
        "other": "{n} altre risposte, più in profondità in questa discussione",
    },
    orphans_lead=(
        "Questi commenti appartengono a post che non sono presenti nei dati di origine. "
        "Sono conservati qui con le loro risposte."
    ),
    on_post="Sul post {post}",
    on_post_with_url="Sul post {post} ({url})",
    about_lead=(
        "Questa è una copia offline del blog {title}, scritta da blogport {version} a partire da dati in formato "
        "{format}. Non richiede rete, script né server: ogni pagina si apre dal disco."
    ),
    about_lead_with_url=(
        "Questa è una copia offline del blog {title}, un tempo all'indirizzo {url}, scritta da blogport {version} "
        "a partire da dati in formato {format}. Non richiede rete, script né server: ogni pagina si apre dal disco."
    ),
    provenance="Provenienza",
    input_format="Formato di origine: {format}",
    source_file="File di origine: {file}",
    exported="Esportato o acquisito: {time}",
    written_by="Scritto da: blogport {version}",
    counts="Conteggi",
    figures={
        "posts": "post",
        "pages": "pagine",
        "published": "pubblicati",
        "drafts": "bozze",
        "scheduled": "programmati",
        "trashed": "nel cestino",
        "comments": "commenti",
        "replies": "risposte",
        "deleted_comments": "commenti eliminati",
        "orphan_comments": "commenti orfani",
        "max_thread_depth": "risposta più profonda",
        "labels": "etichette",
        "authors": "autori",
        "files": "file in questo sito",
    },
    warnings="Avvisi",
    no_warnings="Nessuno.",
    missing_posts="Link a post non presenti in questo archivio",
    links={"one": "{n} link", "other": "{n} link"},
    remote_images="Immagini remote",
    remote_images_lead="Queste immagini vengono ancora caricate dai loro server originali.",
)
