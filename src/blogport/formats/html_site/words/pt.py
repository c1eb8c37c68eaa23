"""Portuguese, as Blogger's Brazilian interface writes it ("postagens", "Marcadores", "Anônimo")."""

from .record import Words

WORDS = Words(
    plural_rule="zero-and-one",
    home="Início",
    archive="Arquivo",
    labels="Marcadores",
    orphans="Comentários órfãos",
    drafts="Rascunhos",
    about="Sobre este arquivo",
    labels_lead="Marcadores:",
    originally="Publicado originalmente em",
    newer_post="← Mais recente: {title}",
    older_post="Mais antiga: {title} →",
    pages_lead="Páginas:",
    no_posts="Nenhuma postagem.",
    newer_posts="← Postagens mais recentes",
    older_posts="Postagens mais antigas →",
    untitled="(sem título)",
    untitled_blog="Blog",
    comments={"zero": "Nenhum comentário", "one": "{n} comentário", "other": "{n} comentários"},
    label_heading="Marcador: {label}",
    drafts_heading="Rascunhos e postagens não publicadas",
    no_labels="Nenhum marcador.",
    pages="Páginas",
    no_dated_posts="Nenhuma postagem com data.",
    page_heading="{title} — página {n}",
    statuses={"draft": "rascunho", "scheduled": "agendada", "trashed": "na lixeira"},
    footer="Um arquivo offline de {title}, escrito por blogport {version}.",
    footer_with_url="Um arquivo offline de {title} ({url}), escrito por blogport {version}.",
    anonymous="Anônimo",
    blog_author="(autor do blog)",
    comment_removed="Este comentário foi removido.",
    deeper_replies={
        "one": "Mais {n} resposta, mais adiante nesta conversa",
        "other": "Mais {n} respostas, mais adiante nesta conversa",
    },
    orphans_lead=(
        "Estes comentários pertencem a postagens que não estão nos dados de origem. "
        "Eles são mantidos aqui com suas respostas."
    ),
    on_post="Na postagem {post}",
    on_post_with_url="Na postagem {post} ({url})",
    about_lead=(
        "Esta é uma cópia offline do blog {title}, escrita por blogport {version} a partir de dados no formato "
        "{format}. Ela não precisa de rede, script nem servidor: cada página abre direto do disco."
    ),
    about_lead_with_url=(
        "Esta é uma cópia offline do blog {title}, antes em {url}, escrita por blogport {version} a partir de "
        "dados no formato {format}. Ela não precisa de rede, script nem servidor: cada página abre direto do disco."
    ),
    provenance="Procedência",
    input_format="Formato de origem: {format}",
    source_file="Arquivo de origem: {file}",
    exported="Exportado ou capturado: {time}",
    written_by="Escrito por: blogport {version}",
    counts="Contagens",
    figures={
        "posts": "postagens",
        "pages": "páginas",
        "published": "publicadas",
        "drafts": "rascunhos",
        "scheduled": "agendadas",
        "trashed": "na lixeira",
        "comments": "comentários",
        "replies": "respostas",
        "deleted_comments": "comentários excluídos",
        "orphan_comments": "comentários órfãos",
        "max_thread_depth": "resposta mais profunda",
        "labels": "marcadores",
        "authors": "autores",
        "files": "arquivos deste site",
    },
    warnings="Avisos",
    no_warnings="Nenhum.",
    missing_posts="Links para postagens que não estão neste arquivo",
    links={"one": "{n} link", "other": "{n} links"},
    remote_images="Imagens remotas",
    remote_images_lead="Estas imagens ainda são carregadas dos servidores originais.",
)
