#include "QrCode.h"

#include <qrencode.h>

#include <memory>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

Expected<QrCode, QString> QrCode::encode(const QByteArray &text)
{
    if (text.isEmpty())
        return unexpected(u"Nothing to encode in a QR code."_s);
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(text.size()), reinterpret_cast<const unsigned char *>(text.constData()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return unexpected(u"The text (%1 bytes) is too long for a QR code."_s.arg(text.size()));
    std::vector<bool> modules(size_t(code->width) * size_t(code->width));
    for (size_t i = 0; i < modules.size(); ++i)
        modules[i] = code->data[i] & 1; // bit 0 is the module colour (qrencode.h)
    return QrCode(code->width, std::move(modules));
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules[size_t(y) * size_t(m_size) + size_t(x)];
}

QString QrCode::toUnicodeBlocks(bool inverted) const
{
    constexpr int kQuiet = 2;
    const auto dark = [&](int x, int y) { return isDark(x, y) != inverted; };
    QString out;
    for (int y = -kQuiet; y < m_size + kQuiet; y += 2) {
        for (int x = -kQuiet; x < m_size + kQuiet; ++x) {
            const bool top = dark(x, y);
            const bool bottom = dark(x, y + 1);
            out += top && bottom ? u'█' : top ? u'▀' : bottom ? u'▄' : u' ';
        }
        out += u'\n';
    }
    return out;
}

} // namespace ecalab
