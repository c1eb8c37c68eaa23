"""Hebrew, right to left: "newer" comes first, on the right, so its arrow points right.

Counts take the Hebrew forms for one, two and the rest.
"""

from .record import Words

WORDS = Words(
    plural_rule="hebrew",
    home="דף הבית",
    archive="ארכיון",
    labels="תוויות",
    orphans="תגובות יתומות",
    drafts="טיוטות",
    about="אודות הארכיון",
    labels_lead="תוויות:",
    originally="פורסם במקור בכתובת",
    newer_post="→ חדש יותר: {title}",
    older_post="ישן יותר: {title} ←",
    pages_lead="דפים:",
    no_posts="אין רשומות.",
    newer_posts="→ רשומות חדשות יותר",
    older_posts="רשומות ישנות יותר ←",
    untitled="(ללא כותרת)",
    untitled_blog="בלוג",
    comments={"zero": "אין תגובות", "one": "תגובה אחת", "two": "שתי תגובות", "other": "{n} תגובות"},
    label_heading="תווית: {label}",
    drafts_heading="טיוטות ורשומות שלא פורסמו",
    no_labels="אין תוויות.",
    pages="דפים",
    no_dated_posts="אין רשומות מתוארכות.",
    page_heading="{title} — עמוד {n}",
    statuses={"draft": "טיוטה", "scheduled": "מתוזמנת", "trashed": "באשפה"},
    footer="ארכיון לא מקוון של {title}, נוצר על ידי blogport {version}.",
    footer_with_url="ארכיון לא מקוון של {title} ({url}), נוצר על ידי blogport {version}.",
    anonymous="אנונימי",
    blog_author="(מחבר הבלוג)",
    comment_removed="תגובה זו הוסרה.",
    deeper_replies={
        "one": "תגובה נוספת אחת, עמוק יותר בשרשור",
        "two": "שתי תגובות נוספות, עמוק יותר בשרשור",
        "other": "{n} תגובות נוספות, עמוק יותר בשרשור",
    },
    orphans_lead="תגובות אלה שייכות לרשומות שאינן בקלט. הן נשמרות כאן יחד עם התשובות להן.",
    on_post="על הרשומה {post}",
    on_post_with_url="על הרשומה {post} ({url})",
    about_lead=(
        "זהו עותק לא מקוון של הבלוג {title}, שנוצר על ידי blogport {version} מקלט בתבנית {format}. "
        "אין בו צורך ברשת, בסקריפט או בשרת: כל דף נפתח מהדיסק."
    ),
    about_lead_with_url=(
        "זהו עותק לא מקוון של הבלוג {title}, שהיה פעם בכתובת {url}, שנוצר על ידי blogport {version} מקלט בתבנית "
        "{format}. אין בו צורך ברשת, בסקריפט או בשרת: כל דף נפתח מהדיסק."
    ),
    provenance="מקור",
    input_format="תבנית הקלט: {format}",
    source_file="קובץ מקור: {file}",
    exported="יוצא או נלכד: {time}",
    written_by="נוצר על ידי: blogport {version}",
    counts="ספירות",
    figures={
        "posts": "רשומות",
        "pages": "דפים",
        "published": "פורסמו",
        "drafts": "טיוטות",
        "scheduled": "מתוזמנות",
        "trashed": "באשפה",
        "comments": "תגובות",
        "replies": "תשובות",
        "deleted_comments": "תגובות שנמחקו",
        "orphan_comments": "תגובות יתומות",
        "max_thread_depth": "התשובה העמוקה ביותר",
        "labels": "תוויות",
        "authors": "מחברים",
        "files": "קבצים באתר זה",
    },
    warnings="אזהרות",
    no_warnings="אין.",
    missing_posts="קישורים לרשומות שאינן בארכיון זה",
    links={"one": "קישור אחד", "two": "שני קישורים", "other": "{n} קישורים"},
    remote_images="תמונות מרוחקות",
    remote_images_lead="תמונות אלה עדיין נטענות מהשרתים המקוריים שלהן.",
)
