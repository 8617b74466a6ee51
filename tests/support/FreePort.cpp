#include "FreePort.h"

#include <QTcpServer>

namespace ecalab::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed again when `probe` goes
}

} // namespace ecalab::test
