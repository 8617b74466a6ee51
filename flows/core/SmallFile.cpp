#include "SmallFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

Expected<QByteArray, QString> readSmallFile(const QString &path, qint64 maxBytes, const QString &what)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists())
        return unexpected(u"Cannot open %1 %2: there is no such file."_s.arg(what.toLower(), shown));
    if (!info.isFile())
        return unexpected(u"%1 %2 is not a regular file (a directory, device or pipe); give the path of a JSON file."_s
                              .arg(what, shown));
    const QString tooLarge = u"%1 %2 is larger than %3 bytes; it should be a small JSON object. Is this the right file?"_s
                                 .arg(what, shown)
                                 .arg(maxBytes);
    if (info.size() > maxBytes)
        return unexpected(tooLarge);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(u"Cannot open %1 %2: %3."_s.arg(what.toLower(), shown, file.errorString()));
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        return unexpected(tooLarge);
    return bytes;
}

} // namespace ecalab
