// The emulator's SOQL subset (§11): /services/data/vXX.X/query?q=… from any client, run over the
// demo org's records. The whole input is the query text.

#include "FuzzSupport.h"

#include "emu/Context.h"
#include "emu/DemoOrg.h"
#include "emu/OrgEditor.h"
#include "emu/SObjects.h"
#include "emu/Soql.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace ecalab;
using namespace ecalab::emu;
using namespace Qt::Literals::StringLiterals;

namespace {

const EmulatorContext &demoContext()
{
    static EmulatorContext *context = [] {
        auto *made = new EmulatorContext; // lives for the whole run, like the emulator's
        if (OrgEditor(*made).loadSeed(DemoOrg::builtInSeed()).status != OrgEditor::Result::Status::Ok)
            fuzz::broken("the built-in demo seed does not load");
        return made;
    }();
    return *context;
}

bool knownErrorCode(const QString &code)
{
    return code == u"MALFORMED_QUERY" || code == u"INVALID_TYPE" || code == u"INVALID_FIELD";
}

// A query that runs answers {"totalSize","done","records"} with no more records than its LIMIT.
void checkRecords(const QByteArray &body, const SoqlQuery &query)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonArray records = answer.value(u"records").toArray();
    fuzz::require(answer.value(u"totalSize").toInt(-1) == records.size(), "totalSize counts the records");
    fuzz::require(!query.limit || records.size() <= *query.limit, "no more records than LIMIT");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const Soql::Parsed parsed = Soql::parse(text);
    if (!parsed.query) {
        fuzz::require(knownErrorCode(parsed.error.errorCode) && !parsed.error.message.isEmpty(),
                      "a refused query says why, with Salesforce's error code");
        return 0;
    }
    fuzz::require(!parsed.query->fields.isEmpty() && !parsed.query->object.text.isEmpty(), "SELECT fields FROM object");
    const SObjects objects(demoContext());
    const Soql::Result records = Soql::run(text, *parsed.query, objects, u"62.0"_s);
    if (records.body)
        checkRecords(*records.body, *parsed.query);
    else
        fuzz::require(knownErrorCode(records.error.errorCode), "a query that cannot run says why");
    (void)Soql::run(text, *parsed.query, objects, u"62.0"_s, Soql::Answer::Columns);
    return 0;
}
