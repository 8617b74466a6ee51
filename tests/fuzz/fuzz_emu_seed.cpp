// The emulator's seed file (`ecalab emulator --seed FILE`, the admin API's POST /seed): the org,
// its users, apps and site, as JSON (format: emulator/README.md).

#include "FuzzSupport.h"

#include "emu/OrgModel.h"
#include "emu/Seed.h"

#include <QJsonDocument>

using namespace ecalab;
using namespace ecalab::emu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // As app/EmulatorCommand.cpp reads the file: one JSON object, else refused before Seed.
    const QJsonDocument doc = QJsonDocument::fromJson(fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    OrgModel model;
    QString error;
    if (!Seed::read(doc.object(), &model, &error)) {
        fuzz::require(!error.isEmpty(), "a refused seed names the field and what is wrong");
        return 0;
    }
    // What read() accepted holds the rules across entities, and reading it again changes nothing.
    QString problem;
    fuzz::require(Seed::validate(model, &problem), "an accepted seed validates");
    OrgModel again;
    fuzz::require(Seed::read(doc.object(), &again, &problem), "the same seed reads twice");
    fuzz::require(again.users.size() == model.users.size() && again.apps.size() == model.apps.size(),
                  "the same seed gives the same org");
    for (const User &user : model.users)
        fuzz::require(model.userByUsername(user.username) != nullptr, "every user is found by username");
    return 0;
}
