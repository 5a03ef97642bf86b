// HTML view: the graph as one self-contained web page (data, script and drawing library inlined) that
// opens offline in any browser: nodes coloured by type and sized by degree, edges labelled by relation,
// a search box, and the evidence sentences behind an edge or a node on click.
//
// The page comes from a template (web/view_template.html, compiled into the CLI) with three markers,
// each replaced once: {{BANGFU_TITLE}} (HTML text), {{BANGFU_LIBRARY}} (inside a <script>) and
// {{BANGFU_DATA}} (inside <script type="application/json">). This file knows nothing of the page's
// script: it only writes the data, escaped so that no string can end the script element.
#pragma once
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace bangfu::graph {

struct HtmlViewOptions {
  std::string around;             // a node's name or alias: show only its neighbourhood
  unsigned hops = 1;              // ... up to this many edges away (either direction)
  std::size_t max_nodes = 300;    // a larger graph or neighbourhood: the top nodes by degree (or nearest)
  std::size_t max_edges = 3000;   // between the shown nodes: the heaviest ones
  std::size_t max_evidence = 20;  // evidence sentences kept per edge
  std::string title = "bangfu";
};

struct HtmlViewAssets {
  std::string_view page_template;
  std::string_view library;  // JavaScript put in place of {{BANGFU_LIBRARY}}
};

// What the page shows, and the sentence it says that with.
struct HtmlViewSummary {
  std::size_t nodes = 0, edges = 0;              // shown
  std::size_t graph_nodes = 0, graph_edges = 0;  // in the graph
  std::string scope;                             // "all", "top" or "around"
  std::string note;                              // e.g. "Showing the 300 nodes of highest degree of 12000 …"
};

// Throws GraphError when `around` names no node (with suggestions) or the template lacks a marker.
HtmlViewSummary write_html_view(const Graph& graph, std::ostream& out, const HtmlViewAssets& assets,
                                const HtmlViewOptions& options = {});
// The same into a file, whole or not at all; throws GraphError naming the path.
HtmlViewSummary export_html_view(const Graph& graph, const std::string& path, const HtmlViewAssets& assets,
                                 const HtmlViewOptions& options = {});

// `text` as a JSON string literal (quotes included) that is also safe inside an HTML <script>: '<', '>'
// and '&' as \u escapes (no "</script" or "<!--"), U+2028/U+2029 escaped, control characters escaped,
// invalid UTF-8 replaced by U+FFFD.
std::string json_string_for_script(std::string_view text);

}  // namespace bangfu::graph
