"""Spanish (Blogger's wording where its pages show it: "Anónimo", "comentarios", "Entradas antiguas")."""

from .record import Words

WORDS = Words(
    plural_rule="one-other",
    home="Inicio",
    archive="Archivo",
    labels="Etiquetas",
    orphans="Comentarios huérfanos",
    drafts="Borradores",
    about="Acerca de este archivo",
    labels_lead="Etiquetas:",
    originally="Publicado originalmente en",
    newer_post="← Más reciente: {title}",
    older_post="Más antigua: {title} →",
    pages_lead="Páginas:",
    no_posts="No hay entradas.",
    newer_posts="← Entradas más recientes",
    older_posts="Entradas antiguas →",
    untitled="(sin título)",
    untitled_blog="Blog",
    comments={"zero": "No hay comentarios", "one": "{n} comentario", "other": "{n} comentarios"},
    label_heading="Etiqueta: {label}",
    drafts_heading="Borradores y entradas sin publicar",
    no_labels="No hay etiquetas.",
    pages="Páginas",
    no_dated_posts="No hay entradas con fecha.",
    page_heading="{title} — página {n}",
    statuses={"draft": "borrador", "scheduled": "programada", "trashed": "en la papelera"},
    footer="Un archivo sin conexión de {title}, escrito por blogport {version}.",
    footer_with_url="Un archivo sin conexión de {title} ({url}), escrito por blogport {version}.",
    anonymous="Anónimo",
    blog_author="(autor del blog)",
    comment_removed="Este comentario ha sido eliminado.",
    deeper_replies={
        "one": "{n} respuesta más, más abajo en esta conversación",
        "other": "{n} respuestas más, más abajo en esta conversación",
    },
    orphans_lead=(
        "Estos comentarios pertenecen a entradas que no están en los datos de origen. "
        "Se conservan aquí con sus respuestas."
    ),
    on_post="En la entrada {post}",
    on_post_with_url="En la entrada {post} ({url})",
    about_lead=(
        "Esta es una copia sin conexión del blog {title}, escrita por blogport {version} a partir de datos en "
        "formato {format}. No necesita red, ni script, ni servidor: cada página se abre desde el disco."
    ),
    about_lead_with_url=(
        "Esta es una copia sin conexión del blog {title}, antes en {url}, escrita por blogport {version} a partir "
        "de datos en formato {format}. No necesita red, ni script, ni servidor: cada página se abre desde el disco."
    ),
    provenance="Procedencia",
    input_format="Formato de origen: {format}",
    source_file="Archivo de origen: {file}",
    exported="Exportado o capturado: {time}",
    written_by="Escrito por: blogport {version}",
    counts="Recuentos",
    figures={
        "posts": "entradas",
        "pages": "páginas",
        "published": "publicadas",
        "drafts": "borradores",
        "scheduled": "programadas",
        "trashed": "en la papelera",
        "comments": "comentarios",
        "replies": "respuestas",
        "deleted_comments": "comentarios eliminados",
        "orphan_comments": "comentarios huérfanos",
        "max_thread_depth": "respuesta más profunda",
        "labels": "etiquetas",
        "authors": "autores",
        "files": "archivos de este sitio",
    },
    warnings="Advertencias",
    no_warnings="Ninguna.",
    missing_posts="Enlaces a entradas que no están en este archivo",
    links={"one": "{n} enlace", "other": "{n} enlaces"},
    remote_images="Imágenes remotas",
    remote_images_lead="Estas imágenes se siguen cargando desde sus servidores originales.",
)
