#include "cli/export_bulk.hpp"

#include <cstdio>

#include "cli/command.hpp"
#include "graph/canonical_dump.hpp"
#include "graph/csv_export.hpp"
#include "graph/export_file.hpp"

namespace bangfu::cli {

int export_bulk(const graph::Graph& g, const std::string& format, const std::string& output) {
  try {
    if (format == "csv") {
      auto r = graph::export_csv(g, output);
      std::printf("exported %zu nodes, %zu edges to %s (csv: %zu node files, %zu edge files, neo4j-import.sh, "
                  "kuzu-schema.cypher, kuzu-copy.cypher)\n",
                  r.nodes, r.edges, output.c_str(), r.node_files.size(), r.edge_files.size());
      return 0;
    }
    graph::write_export_file(output, [&](std::ostream& out) { graph::write_canonical_dump(g, out); });
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  std::printf("exported %zu nodes, %zu edges to %s (json)\n", g.node_count(), g.edge_count(), output.c_str());
  return 0;
}

}  // namespace bangfu::cli
