#include "Sha256.h"

#include <openssl/evp.h>

namespace omu {

struct Sha256::State
{
    EVP_MD_CTX* context = EVP_MD_CTX_new();

    State() { reset(); }
    ~State() { EVP_MD_CTX_free(context); }
    void reset()
    {
        // Only fails when out of memory; EVP_DigestUpdate would then fail loudly too.
        if (EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1)
            qFatal("SHA-256: libcrypto could not start a digest");
    }
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&& other) noexcept = default;
Sha256& Sha256::operator=(Sha256&& other) noexcept = default;

void Sha256::addData(QByteArrayView data)
{
    EVP_DigestUpdate(m_state->context, data.data(), size_t(data.size()));
}

QByteArray Sha256::hexDigest()
{
    unsigned char bytes[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->context, bytes, &length);
    reset();
    return QByteArray(reinterpret_cast<const char*>(bytes), int(length)).toHex();
}

std::array<quint8, 32> Sha256::rawDigest()
{
    std::array<quint8, 32> bytes{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->context, bytes.data(), &length);
    reset();
    return bytes;
}

void Sha256::reset()
{
    m_state->reset();
}

} // namespace omu
