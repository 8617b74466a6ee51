#pragma once

#include "CommandLine.h"

#include <QString>

namespace ecalab::app {

// `ecalab keys generate --out DIR [--cn NAME] [--days N] [--bits N] [--force] [--json]`: an RSA key
// pair for the JWT bearer flow, private.key (0600) and certificate.crt, and where to upload the
// certificate. `ecalab keys inspect FILE… [--json]`: what each file is, what is wrong with it for
// Salesforce, and whether a key and a certificate belong together. A private key's bytes are never
// printed. Returns the process exit code (0 fine, 1 a key and certificate that do not match, 2 a
// usage error or a file that cannot be used).
int runKeysCommand(const CommandLine &commandLine);
QString keysHelpText(); // `ecalab keys --help`

} // namespace ecalab::app
