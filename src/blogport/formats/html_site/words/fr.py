"""French (Blogger's wording where its pages show it: "Anonyme", "Aucun commentaire")."""

from .record import Words

WORDS = Words(
    plural_rule="zero-and-one",
    home="Accueil",
    archive="Archives",
    labels="Libellés",
    orphans="Commentaires orphelins",
    drafts="Brouillons",
    about="À propos de cette archive",
    labels_lead="Libellés :",
    originally="Publié à l'origine sur",
    newer_post="← Plus récent : {title}",
    older_post="Plus ancien : {title} →",
    pages_lead="Pages :",
    no_posts="Aucun article.",
    newer_posts="← Articles plus récents",
    older_posts="Articles plus anciens →",
    untitled="(sans titre)",
    untitled_blog="Blog",
    comments={"zero": "Aucun commentaire", "one": "{n} commentaire", "other": "{n} commentaires"},
    label_heading="Libellé : {label}",
    drafts_heading="Brouillons et articles non publiés",
    no_labels="Aucun libellé.",
    pages="Pages",
    no_dated_posts="Aucun article daté.",
    page_heading="{title} — page {n}",
    statuses={"draft": "brouillon", "scheduled": "programmé", "trashed": "dans la corbeille"},
    footer="Une archive hors ligne de {title}, écrite par blogport {version}.",
    footer_with_url="Une archive hors ligne de {title} ({url}), écrite par blogport {version}.",
    anonymous="Anonyme",
    blog_author="(auteur du blog)",
    comment_removed="Ce commentaire a été supprimé.",
    deeper_replies={
        "one": "{n} autre réponse, plus loin dans cette discussion",
        "other": "{n} autres réponses, plus loin dans cette discussion",
    },
    orphans_lead=(
        "Ces commentaires appartiennent à des articles absents de l'entrée. Ils sont conservés ici avec leurs réponses."
    ),
    on_post="Sur l'article {post}",
    on_post_with_url="Sur l'article {post} ({url})",
    about_lead=(
        "Ceci est une copie hors ligne du blog {title}, écrite par blogport {version} à partir d'une entrée "
        "{format}. Elle ne demande ni réseau, ni script, ni serveur : chaque page s'ouvre depuis le disque."
    ),
    about_lead_with_url=(
        "Ceci est une copie hors ligne du blog {title}, autrefois à l'adresse {url}, écrite par blogport {version} "
        "à partir d'une entrée {format}. Elle ne demande ni réseau, ni script, ni serveur : chaque page s'ouvre "
        "depuis le disque."
    ),
    provenance="Provenance",
    input_format="Format d'entrée : {format}",
    source_file="Fichier source : {file}",
    exported="Exporté ou capturé le : {time}",
    written_by="Écrit par : blogport {version}",
    counts="Décomptes",
    figures={
        "posts": "articles",
        "pages": "pages",
        "published": "publiés",
        "drafts": "brouillons",
        "scheduled": "programmés",
        "trashed": "dans la corbeille",
        "comments": "commentaires",
        "replies": "réponses",
        "deleted_comments": "commentaires supprimés",
        "orphan_comments": "commentaires orphelins",
        "max_thread_depth": "réponse la plus profonde",
        "labels": "libellés",
        "authors": "auteurs",
        "files": "fichiers de ce site",
    },
    warnings="Avertissements",
    no_warnings="Aucun.",
    missing_posts="Liens vers des articles absents de cette archive",
    links={"one": "{n} lien", "other": "{n} liens"},
    remote_images="Images distantes",
    remote_images_lead="Ces images sont toujours chargées depuis leurs serveurs d'origine.",
)
