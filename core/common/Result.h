#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace omu {

// An error a person can act on: what went wrong, where (file:line, host, table, ...) and
// what to do about it. Core never throws across layers; it returns one of these.
struct Error
{
    QString message;
    QString where;
    QString advice;

    // "where: message" followed by the advice on its own line, for logs and the CLI.
    QString toString() const
    {
        QString text = where.isEmpty() ? message : where + QStringLiteral(": ") + message;
        if (!advice.isEmpty())
            text += QStringLiteral("\n") + advice;
        return text;
    }
};

// A value or an error (E defaults to Error): std::expected in spirit, for C++20.
template <typename T, typename E = Error> class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(E error) : m_value(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_value); }
    T& value() & { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    const T* operator->() const { return &std::get<T>(m_value); }
    const T& operator*() const { return value(); }

    const E& error() const { return std::get<E>(m_value); }

private:
    std::variant<T, E> m_value;
};

template <> class [[nodiscard]] Result<void, Error>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

inline Error makeError(QString message, QString where = {}, QString advice = {})
{
    return Error{std::move(message), std::move(where), std::move(advice)};
}

} // namespace omu
