#pragma once

#include <QString>

#include <cstdio>

namespace ecalab::app {

// stdout carries the product (the --json object, or the human report without --json);
// stderr carries progress and warnings.
inline void writeTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}
inline void printOut(const QString &text) { writeTo(stdout, text); }
inline void printErr(const QString &text) { writeTo(stderr, text); }

} // namespace ecalab::app
