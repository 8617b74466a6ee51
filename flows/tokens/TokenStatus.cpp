#include "TokenStatus.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QString TokenStatus::label() const
{
    switch (state) {
    case State::Unknown: return u"unknown"_s;
    case State::Active: return u"active"_s;
    case State::Inactive: return u"inactive"_s;
    case State::Revoked: return u"revoked"_s;
    case State::Expired: return u"expired"_s;
    }
    return u"unknown"_s;
}

} // namespace ecalab
