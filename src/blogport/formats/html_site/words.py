"""The site's fixed words (navigation, headings, pagination, comment counts) in the blog's language.

One record per language, chosen by the blog's locale (``fr-CA`` → ``fr``), English when the
language is not in the table. Templates take a record as ``site.words``; texts with a blank to
fill use ``str.format`` names (``{n}``, ``{title}``, ``{label}``), so Jinja still escapes what fills
them. The about page's explanatory sentences stay in English.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Words:
    """The fixed words of every page, in one language."""

    home: str
    archive: str
    labels: str
    orphans: str
    drafts: str
    about: str
    labels_lead: str  # before a post's labels
    originally: str  # before the post's old address
    newer_post: str  # {title}
    older_post: str  # {title}
    pages_lead: str
    no_posts: str
    newer_posts: str
    older_posts: str
    untitled: str
    comment_one: str  # {n}
    comment_other: str  # {n}
    label_heading: str  # {label}
    drafts_heading: str
    no_labels: str
    pages: str
    no_dated_posts: str

    def comment_count(self, count: int) -> str:
        """``count`` comments, as the heading of a post's thread or in a listing."""
        return (self.comment_one if count == 1 else self.comment_other).format(n=count)


WORDS = {
    "en": Words(
        *("Home", "Archive", "Labels", "Orphan comments", "Drafts", "About this archive", "Labels:"),
        *("Originally published at", "← Newer: {title}", "Older: {title} →", "Pages:", "No posts."),
        *("← Newer posts", "Older posts →", "(untitled)", "{n} comment", "{n} comments", "Label: {label}"),
        *("Drafts and unpublished posts", "No labels.", "Pages", "No dated posts."),
    ),
    "fr": Words(
        *("Accueil", "Archives", "Libellés", "Commentaires orphelins", "Brouillons", "À propos de cette archive"),
        *("Libellés :", "Publié à l'origine sur", "← Plus récent : {title}", "Plus ancien : {title} →", "Pages :"),
        *("Aucun article.", "← Articles plus récents", "Articles plus anciens →", "(sans titre)"),
        *("{n} commentaire", "{n} commentaires", "Libellé : {label}", "Brouillons et articles non publiés"),
        *("Aucun libellé.", "Pages", "Aucun article daté."),
    ),
    "de": Words(
        *("Startseite", "Archiv", "Labels", "Verwaiste Kommentare", "Entwürfe", "Über dieses Archiv", "Labels:"),
        *("Ursprünglich veröffentlicht unter", "← Neuer: {title}", "Älter: {title} →", "Seiten:", "Keine Posts."),
        *("← Neuere Posts", "Ältere Posts →", "(ohne Titel)", "{n} Kommentar", "{n} Kommentare", "Label: {label}"),
        *("Entwürfe und unveröffentlichte Posts", "Keine Labels.", "Seiten", "Keine datierten Posts."),
    ),
    "es": Words(
        *("Inicio", "Archivo", "Etiquetas", "Comentarios huérfanos", "Borradores", "Acerca de este archivo"),
        *("Etiquetas:", "Publicado originalmente en", "← Más reciente: {title}", "Más antigua: {title} →"),
        *("Páginas:", "No hay entradas.", "← Entradas más recientes", "Entradas antiguas →", "(sin título)"),
        *("{n} comentario", "{n} comentarios", "Etiqueta: {label}", "Borradores y entradas sin publicar"),
        *("No hay etiquetas.", "Páginas", "No hay entradas con fecha."),
    ),
    "it": Words(
        *("Home page", "Archivio", "Etichette", "Commenti orfani", "Bozze", "Informazioni su questo archivio"),
        *("Etichette:", "Pubblicato originariamente su", "← Più recente: {title}", "Meno recente: {title} →"),
        *("Pagine:", "Nessun post.", "← Post più recenti", "Post più vecchi →", "(senza titolo)", "{n} commento"),
        *("{n} commenti", "Etichetta: {label}", "Bozze e post non pubblicati", "Nessuna etichetta.", "Pagine"),
        "Nessun post con data.",
    ),
    "pt": Words(
        *("Início", "Arquivo", "Marcadores", "Comentários órfãos", "Rascunhos", "Sobre este arquivo", "Marcadores:"),
        *("Publicado originalmente em", "← Mais recente: {title}", "Mais antiga: {title} →", "Páginas:"),
        *("Nenhuma postagem.", "← Postagens mais recentes", "Postagens mais antigas →", "(sem título)"),
        *("{n} comentário", "{n} comentários", "Marcador: {label}", "Rascunhos e postagens não publicadas"),
        *("Nenhum marcador.", "Páginas", "Nenhuma postagem com data."),
    ),
    "nl": Words(
        *("Startpagina", "Archief", "Labels", "Verweesde reacties", "Concepten", "Over dit archief", "Labels:"),
        *("Oorspronkelijk gepubliceerd op", "← Nieuwer: {title}", "Ouder: {title} →", "Pagina's:"),
        *("Geen berichten.", "← Nieuwere berichten", "Oudere berichten →", "(zonder titel)", "{n} reactie"),
        *("{n} reacties", "Label: {label}", "Concepten en ongepubliceerde berichten", "Geen labels.", "Pagina's"),
        "Geen gedateerde berichten.",
    ),
    # Right to left: "newer" comes first, on the right, so its arrow points right.
    "ar": Words(
        *("الرئيسية", "الأرشيف", "التصنيفات", "تعليقات يتيمة", "المسودات", "حول هذا الأرشيف", "التصنيفات:"),
        *("نُشر في الأصل على", "→ أحدث: {title}", "أقدم: {title} ←", "الصفحات:", "لا توجد مشاركات."),
        *("→ المشاركات الأحدث", "المشاركات الأقدم ←", "(بلا عنوان)", "تعليق واحد ({n})", "{n} تعليقات"),
        *("التصنيف: {label}", "المسودات والمشاركات غير المنشورة", "لا توجد تصنيفات.", "الصفحات"),
        "لا توجد مشاركات مؤرخة.",
    ),
    "he": Words(
        *("דף הבית", "ארכיון", "תוויות", "תגובות יתומות", "טיוטות", "אודות הארכיון", "תוויות:"),
        *("פורסם במקור בכתובת", "→ חדש יותר: {title}", "ישן יותר: {title} ←", "דפים:", "אין רשומות."),
        *("→ רשומות חדשות יותר", "רשומות ישנות יותר ←", "(ללא כותרת)", "תגובה אחת", "{n} תגובות"),
        *("תווית: {label}", "טיוטות ורשומות שלא פורסמו", "אין תוויות.", "דפים", "אין רשומות מתוארכות."),
    ),
}


def words_for(locale: str | None) -> Words:
    """The words for the blog's ``locale`` (its language part), English when it has none here."""
    language = (locale or "en").replace("_", "-").split("-")[0].lower()
    return WORDS.get(language, WORDS["en"])
