<?php
// blogport test helper: reads a WXR with the wordpress-importer plugin's own parsers (their folder in
// $BLOGPORT_WP_IMPORTER, the plugin's src/) and mimics backfill_attachment_urls (exact REPLACE).
function __($s) { return $s; }
function _deprecated_file() {}
class WP_Error { public $m; function __construct($c, $m) { $this->m = $m; } function get_error_message() { return $this->m; } }
function is_wp_error($x) { return $x instanceof WP_Error; }
function esc_html($s) { return $s; }
require getenv("BLOGPORT_WP_IMPORTER") . '/parsers/class-wxr-parser.php';
require getenv("BLOGPORT_WP_IMPORTER") . '/parsers/class-wxr-parser-simplexml.php';
require getenv("BLOGPORT_WP_IMPORTER") . '/parsers/class-wxr-parser-xml.php';
require getenv("BLOGPORT_WP_IMPORTER") . '/parsers/class-wxr-parser-regex.php';
foreach (['WXR_Parser_SimpleXML', 'WXR_Parser_XML', 'WXR_Parser_Regex'] as $class) {
  $parser = new $class();
  $data = $parser->parse($argv[1]);
  if (is_wp_error($data)) { echo "$class ERROR ", $data->get_error_message(), "\n"; continue; }
  $remap = []; $att = 0;
  foreach ($data['posts'] as $p) {
    if ($p['post_type'] !== 'attachment') continue;
    $att++;
    $url = $p['attachment_url'];
    $parts = pathinfo($url);
    $local = 'https://new.example/wp-content/uploads/2013/01/' . basename($url);
    $remap[$url] = $local; $remap[$p['guid']] = $local;
    $name = basename($parts['basename'], '.' . ($parts['extension'] ?? ''));
    $remap[$parts['dirname'] . '/' . $name] = 'https://new.example/wp-content/uploads/2013/01/' . basename($local, '.' . pathinfo($local, PATHINFO_EXTENSION));
    echo "$class attachment parent=", $p['post_parent'], " url=$url\n";
  }
  uksort($remap, function ($a, $b) { return strlen($b) - strlen($a); });
  $left = 0;
  foreach ($data['posts'] as $p) {
    if ($p['post_type'] === 'attachment') continue;
    $content = $p['post_content'];
    foreach ($remap as $from => $to) $content = str_replace($from, $to, $content);
    preg_match_all('#(?:src|href)="([^"]*(?:bp\.blogspot\.com|googleusercontent\.com)[^"]*)"#', $content, $m);
    foreach ($m[1] as $u) { echo "$class left in post ", $p['post_id'], ": $u\n"; $left++; }
    preg_match_all('#(?:src|href)="(https://new\.example[^"]*)"#', $content, $m);
    foreach ($m[1] as $u) echo "$class local in post ", $p['post_id'], ": $u\n";
    foreach ($p['comments'] ?? [] as $c) { if (preg_match('#googleusercontent|bp\.blogspot#', $c['comment_content'])) echo "$class comment keeps a Blogger URL (not rewritten by the importer)\n"; }
  }
  echo "$class: $att attachments, $left Blogger image URLs left in posts\n";
}
