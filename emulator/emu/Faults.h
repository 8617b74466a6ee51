#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace ecalab::emu {

// One injected fault for the next matching request(s) on a path (admin API, emulator/README.md).
struct Fault
{
    enum class Kind { Status, MalformedJson, Delay, HugeBody, CloseConnection };

    int id = 0;
    Kind kind = Kind::Status;
    QString path;           // matches the path below the host's base, or the full path
    QByteArray method;      // empty: any method
    QString host;           // empty: any host; else login | myDomain | site
    int remaining = 1;      // -1: until the faults are cleared
    int status = 200;       // Status, MalformedJson, HugeBody
    QByteArray body;        // Status
    QByteArray contentType; // Status, MalformedJson, HugeBody
    HeaderList headers;     // Status
    int delayMs = 0;        // any kind: wait this long (an event-loop timer) before answering
    qint64 bytes = 0;       // HugeBody

    bool matches(const HttpRequest &request) const;
    bool answersNormally() const { return kind == Kind::Delay; } // a pure delay, then the real answer
    HttpReply reply() const;
    QJsonObject toJson() const;
};

class FaultList
{
public:
    static std::optional<Fault> parse(const QJsonObject &json, QString *error);
    const Fault &add(Fault fault);
    // The first fault matching `request`, used up by one; nullopt when none matches.
    std::optional<Fault> take(const HttpRequest &request);
    void clear() { m_faults.clear(); }
    QJsonArray toJson() const;

private:
    QList<Fault> m_faults;
    int m_nextId = 1;
};

} // namespace ecalab::emu
