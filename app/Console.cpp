#include "Console.h"

#include <QJsonDocument>

#include <cstdio>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr char16_t kEsc = 0x1b;
constexpr char16_t kBel = 0x07;
constexpr char16_t kC1Csi = 0x9b;
constexpr char16_t kC1St = 0x9c;

void write(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

bool isStringIntroducer(char16_t c) // ECMA-48 §5.6: OSC, DCS, SOS, PM, APC (after ESC or as C1)
{
    return c == u']' || c == u'P' || c == u'X' || c == u'^' || c == u'_' || c == 0x9d || c == 0x90 || c == 0x98
        || c == 0x9e || c == 0x9f;
}

// Index just past a control sequence (parameters and intermediates, then a final byte 0x40–0x7E).
qsizetype skipCsi(const QString &text, qsizetype i)
{
    while (i < text.size() && !(text.at(i).unicode() >= 0x40 && text.at(i).unicode() <= 0x7e))
        ++i;
    return std::min(i + 1, text.size());
}

// Index just past a control string, ended by BEL, ESC \ or ST.
qsizetype skipControlString(const QString &text, qsizetype i)
{
    for (; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == kBel || c == kC1St)
            return i + 1;
        if (c == kEsc && i + 1 < text.size() && text.at(i + 1) == u'\\')
            return i + 2;
    }
    return i;
}

bool isInvisibleControl(char16_t c)
{
    const bool c0 = c < 0x20 && c != u'\n' && c != u'\t';
    const bool c1 = c >= 0x7f && c <= 0x9f;
    const bool bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    return c0 || c1 || bidi;
}

QString withoutControls(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const char16_t c = text.at(i).unicode();
        if (c == kEsc && i + 1 < text.size()) {
            const char16_t next = text.at(i + 1).unicode();
            i = next == u'[' ? skipCsi(text, i + 2) : isStringIntroducer(next) ? skipControlString(text, i + 2) : i + 2;
        } else if (c == kC1Csi) {
            i = skipCsi(text, i + 1);
        } else if (isStringIntroducer(c) && c >= 0x80) {
            i = skipControlString(text, i + 1);
        } else {
            if (!isInvisibleControl(c))
                out.append(text.at(i));
            ++i;
        }
    }
    return out;
}

QString cut(const QString &text, qsizetype keep)
{
    const qsizetype omitted = QStringView(text).mid(keep).toUtf8().size();
    return text.left(keep) + u" … (%1 more bytes in --json)"_s.arg(omitted);
}
} // namespace

QString terminalSafe(const QString &text)
{
    QStringList lines = withoutControls(text).split(u'\n');
    for (QString &line : lines) {
        if (line.size() > kMaxLineChars)
            line = cut(line, kMaxLineChars);
    }
    QString joined = lines.join(u'\n');
    if (joined.size() > kMaxTextChars)
        joined = cut(joined, kMaxTextChars) + u'\n';
    return joined;
}

QByteArray terminalSafeJson(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        const auto byte = uchar(json.at(i));
        const bool c1 = byte == 0xc2 && i + 1 < json.size() && uchar(json.at(i + 1)) >= 0x80 && uchar(json.at(i + 1)) <= 0x9f;
        if (byte == 0x7f) {
            out.append("\\u007f");
        } else if (c1) {
            out.append("\\u00" + QByteArray::number(uchar(json.at(++i)), 16));
        } else {
            out.append(char(byte));
        }
    }
    return out;
}

void printOut(const QString &text)
{
    write(stdout, terminalSafe(text).toUtf8());
}

void printErr(const QString &text)
{
    write(stderr, terminalSafe(text).toUtf8());
}

void printJson(const QJsonObject &object, bool compact)
{
    const auto format = compact ? QJsonDocument::Compact : QJsonDocument::Indented;
    QByteArray json = terminalSafeJson(QJsonDocument(object).toJson(format));
    if (!json.endsWith('\n'))
        json.append('\n');
    write(stdout, json);
}

} // namespace ecalab::app
