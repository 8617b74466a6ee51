// Benchmark reference (not a test): the bare Qt window the first-frame row compares ecalab's
// window with — a QApplication and an empty QMainWindow, nothing else, linked with the same
// shared libraries as ecalab (tests/bench/CMakeLists.txt) and stopped by the same switch:
//
//   QT_QPA_PLATFORM=offscreen ECALAB_EXIT_AFTER_FIRST_FRAME=1 bench_bare_window
#include "FirstFrameProbe.h"

#include <QApplication>
#include <QMainWindow>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    window.resize(1200, 780); // the size ecalab's window first opens at (MainWindow::restoreState)
    window.show();
    ecalab::ui::exitAfterFirstFrameIfAsked(&window);
    return QApplication::exec();
}
