#pragma once

#include "Context.h"

#include <QJsonObject>

namespace ecalab::emu {

// /__emulator/device/…: see and answer device codes without a browser, and switch the device
// flow's emulator settings (RFC 8628 mode, lifetime, interval). Routes: emulator/README.md.
class DeviceAdmin
{
public:
    explicit DeviceAdmin(EmulatorContext &context) : m_context(context) {}
    // parts: the path below /__emulator, starting with "device".
    HttpReply route(const QByteArray &method, const QStringList &parts, const QJsonObject &body);

private:
    HttpReply decide(const QJsonObject &body, bool approve);
    HttpReply changeSettings(const QJsonObject &body);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
