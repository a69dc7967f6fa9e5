#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace omu {

// Incremental SHA-256. Uses the system's libcrypto (hardware SHA extensions, several times
// faster than QCryptographicHash) when it can be loaded at run time, and Qt's own code
// otherwise (or when OMU_SHA256_QT is set, to compare the two); both give the same digest.
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
    void reset();

    // "libcrypto" or "Qt", for the benchmark's notes.
    static const char* implementation();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace omu
