#pragma once

#include <QIcon>
#include <QPixmap>
#include <QString>

namespace ecalab::ui {

// SVG icons compiled into ecalab_ui (resources/icons/icons.qrc): crisp at any device pixel ratio.
QIcon icon(const QString &name);
QPixmap iconPixmap(const QString &name, int size, qreal devicePixelRatio);

} // namespace ecalab::ui
