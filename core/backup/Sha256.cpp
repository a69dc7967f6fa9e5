#include "Sha256.h"

#include <QCryptographicHash>

#include <dlfcn.h>

namespace omu {

namespace {

// The few EVP functions needed, looked up once. OpenSSL's C ABI is stable across 1.1 and
// 3.x for these; libcrypto.so.3 is present wherever libpq (and so the PostgreSQL driver) is.
struct Libcrypto
{
    using NewFn = void* (*)();
    using FreeFn = void (*)(void*);
    using MdFn = const void* (*)();
    using InitFn = int (*)(void*, const void*, void*);
    using UpdateFn = int (*)(void*, const void*, size_t);
    using FinalFn = int (*)(void*, unsigned char*, unsigned int*);

    NewFn ctxNew = nullptr;
    FreeFn ctxFree = nullptr;
    MdFn sha256 = nullptr;
    InitFn init = nullptr;
    UpdateFn update = nullptr;
    FinalFn final = nullptr;
    bool loaded = false;

    static const Libcrypto& instance()
    {
        static const Libcrypto library = load();
        return library;
    }

    static Libcrypto load()
    {
        Libcrypto library;
        if (qEnvironmentVariableIsSet("OMU_SHA256_QT"))
            return library;
        void* handle = nullptr;
        for (const char* name : {"libcrypto.so.3", "libcrypto.so.1.1"}) {
            handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (handle)
                break;
        }
        if (!handle)
            return library;
        library.ctxNew = reinterpret_cast<NewFn>(::dlsym(handle, "EVP_MD_CTX_new"));
        library.ctxFree = reinterpret_cast<FreeFn>(::dlsym(handle, "EVP_MD_CTX_free"));
        library.sha256 = reinterpret_cast<MdFn>(::dlsym(handle, "EVP_sha256"));
        library.init = reinterpret_cast<InitFn>(::dlsym(handle, "EVP_DigestInit_ex"));
        library.update = reinterpret_cast<UpdateFn>(::dlsym(handle, "EVP_DigestUpdate"));
        library.final = reinterpret_cast<FinalFn>(::dlsym(handle, "EVP_DigestFinal_ex"));
        library.loaded = library.ctxNew && library.ctxFree && library.sha256 && library.init &&
                         library.update && library.final;
        return library;
    }
};

} // namespace

struct Sha256::State
{
    void* context = nullptr; // EVP_MD_CTX when libcrypto is used
    QCryptographicHash fallback{QCryptographicHash::Sha256};

    State()
    {
        const Libcrypto& library = Libcrypto::instance();
        if (library.loaded) {
            context = library.ctxNew();
            if (context && library.init(context, library.sha256(), nullptr) != 1) {
                library.ctxFree(context);
                context = nullptr;
            }
        }
    }
    ~State()
    {
        if (context)
            Libcrypto::instance().ctxFree(context);
    }
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&& other) noexcept = default;
Sha256& Sha256::operator=(Sha256&& other) noexcept = default;

void Sha256::addData(QByteArrayView data)
{
    if (m_state->context)
        Libcrypto::instance().update(m_state->context, data.data(), size_t(data.size()));
    else
        m_state->fallback.addData(data);
}

QByteArray Sha256::hexDigest()
{
    QByteArray digest;
    if (m_state->context) {
        unsigned char bytes[32];
        unsigned int length = 0;
        Libcrypto::instance().final(m_state->context, bytes, &length);
        digest = QByteArray(reinterpret_cast<const char*>(bytes), int(length)).toHex();
    } else {
        digest = m_state->fallback.result().toHex();
    }
    reset();
    return digest;
}

void Sha256::reset()
{
    if (m_state->context) {
        const Libcrypto& library = Libcrypto::instance();
        library.init(m_state->context, library.sha256(), nullptr);
    } else {
        m_state->fallback.reset();
    }
}

const char* Sha256::implementation()
{
    return Libcrypto::instance().loaded ? "libcrypto" : "Qt";
}

} // namespace omu
