#include "Icons.h"

#include <QFile>

// Q_INIT_RESOURCE must be used outside any namespace; a static library's resources are not
// registered unless something references them.
static void initEcalabIcons()
{
    Q_INIT_RESOURCE(icons);
}

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString iconPath(const QString &name)
{
    static const bool initialised = [] {
        initEcalabIcons();
        return true;
    }();
    Q_UNUSED(initialised);
    return u":/icons/%1.svg"_s.arg(name);
}
} // namespace

QIcon icon(const QString &name)
{
    return QIcon(iconPath(name));
}

QPixmap iconPixmap(const QString &name, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = icon(name).pixmap(QSize(size, size), devicePixelRatio);
    return pixmap;
}

} // namespace ecalab::ui
