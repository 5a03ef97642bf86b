// The HTML view's assets, compiled into the binary from web/ (cmake/embed_web.cmake): the page template
// and the graph-drawing library (cytoscape, from npm, pinned by web/package-lock.json).
#pragma once
#include <string>

namespace bangfu::web {

// web/view_template.html: the page with its CSS and script; graph/html_view.hpp says what it expects.
const std::string& view_template();
// cytoscape.min.js with its licence header.
const std::string& graph_library();

}  // namespace bangfu::web
