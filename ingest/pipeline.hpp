// Pipeline: the whole extraction of one document — normalize → body → sentences → segment →
// recognize → resolve → extract relations — configured from the lexicons in data/.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"

namespace bangfu::ingest {

struct PipelineOptions {
  std::string data_dir;                // folder with the lexicon files; empty: BANGFU_DATA_DIR or $BANGFU_DATA
  std::vector<std::string> lexicons;   // extra user lexicon files (--lexicon), added to the built-in ones
};

class Pipeline {
 public:
  explicit Pipeline(const PipelineOptions& options = {});  // throws std::runtime_error on unreadable data
  ~Pipeline();
  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;

  DocumentExtraction extract(const Document& doc) const;  // thread-safe: const and shares read-only data

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bangfu::ingest
