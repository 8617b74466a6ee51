#include "FlowError.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QString kindName(FlowError::Kind kind)
{
    switch (kind) {
    case FlowError::Kind::Configuration: return u"Configuration"_s;
    case FlowError::Kind::Transport: return u"Transport"_s;
    case FlowError::Kind::Tls: return u"Tls"_s;
    case FlowError::Kind::Timeout: return u"Timeout"_s;
    case FlowError::Kind::Protocol: return u"Protocol"_s;
    case FlowError::Kind::ServerRejected: return u"ServerRejected"_s;
    case FlowError::Kind::Cancelled: return u"Cancelled"_s;
    case FlowError::Kind::Expired: return u"Expired"_s;
    }
    return {};
}

FlowError FlowError::configuration(const QString &stage, const QString &explanation, const QString &fix)
{
    FlowError e;
    e.kind = Kind::Configuration;
    e.stage = stage;
    e.explanation = explanation;
    e.fix = fix;
    return e;
}

FlowError FlowError::cancelled(const QString &stage)
{
    FlowError e;
    e.kind = Kind::Cancelled;
    e.stage = stage;
    e.explanation = u"The run was cancelled before it finished."_s;
    e.fix = u"Run it again when ready."_s;
    return e;
}

QString FlowError::summary() const
{
    if (!error.isEmpty())
        return errorDescription.isEmpty() ? error : error + u": "_s + errorDescription;
    return kindName(kind) + u": "_s + explanation;
}

QJsonObject FlowError::toJson() const
{
    return {{u"kind"_s, kindName(kind)},
            {u"stage"_s, stage},
            {u"stageId"_s, stageId},
            {u"httpStatus"_s, httpStatus},
            {u"error"_s, error},
            {u"errorDescription"_s, errorDescription},
            {u"explanation"_s, explanation},
            {u"fix"_s, fix},
            {u"check"_s, check}};
}

int FlowError::exitCode() const
{
    switch (kind) {
    case Kind::ServerRejected:
    case Kind::Protocol: return 1; // the server answered, and the answer was a refusal or unusable
    case Kind::Configuration: return 2;
    case Kind::Transport:
    case Kind::Tls:
    case Kind::Timeout: return 3;
    case Kind::Cancelled:
    case Kind::Expired: return 4;
    }
    return 1;
}

} // namespace ecalab
