// Aliases: the table is read from a user-editable file, with clear errors for malformed lines.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "query/aliases.hpp"
#include "query/engine.hpp"

using namespace bangfu::query;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = std::string(BANGFU_BINARY_DIR) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("built-in aliases work without any file", "[aliases]") {
  set_alias_file("/nonexistent/query_aliases.tsv");
  CHECK(resolve_type("帮扶") == "supports");
  CHECK(resolve_type("资金支持") == "funds");
  CHECK(resolve_label("医联体") == "Consortium");
  CHECK(resolve_label("Hospital") == "Hospital");
  set_alias_file("");
}

TEST_CASE("the project's data file is loadable and extendable", "[aliases]") {
  set_alias_file(std::string(BANGFU_SOURCE_DIR) + "/data/query_aliases.tsv");
  CHECK(resolve_type("对口支援") == "supports");
  CHECK(resolve_label("卫生院") == "PrimaryCare");
  auto path = write_temp("aliases_extra.tsv", "# user additions\ntype\t托管\tsupports\nlabel\t社区卫生服务中心\tPrimaryCare\n");
  set_alias_file(path);
  CHECK(resolve_type("托管") == "supports");
  CHECK(resolve_label("社区卫生服务中心") == "PrimaryCare");
  CHECK(resolve_type("帮扶") == "帮扶");  // only what the file says
  set_alias_file("");
  std::remove(path.c_str());
}

TEST_CASE("a malformed alias line is reported with file and line", "[aliases]") {
  auto path = write_temp("aliases_bad.tsv", "type\t帮扶\tsupports\nlabel 医院 Hospital\n");
  set_alias_file(path);
  try {
    resolve_label("医院");
    FAIL("expected an error");
  } catch (const QueryError& e) {
    CHECK_THAT(e.what(), Catch::Contains(path + ":2"));
    CHECK_THAT(e.what(), Catch::Contains("tab-separated"));
  }
  set_alias_file("");
  std::remove(path.c_str());
}
