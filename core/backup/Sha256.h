#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <memory>

namespace omu {

// Incremental SHA-256 through OpenSSL's libcrypto (linked at build time): it uses the
// processor's SHA extensions, several times faster than QCryptographicHash on a backup.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&& other) noexcept;
    Sha256& operator=(Sha256&& other) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void addData(QByteArrayView data);
    // Lower-case hex of the digest; the object starts over afterwards.
    QByteArray hexDigest();
    // The 32 bytes of the digest, without an allocation; the object starts over afterwards.
    std::array<quint8, 32> rawDigest();
    void reset();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace omu
